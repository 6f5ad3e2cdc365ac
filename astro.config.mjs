// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { NOTES_DIR } from './src/consts.ts';
import { linkCheck } from './src/integrations/link-check.ts';
import { markdownProcessor, shikiConfig } from './src/integrations/markdown-pipeline.ts';
import pagefindSearch from './src/integrations/pagefind.ts';
import { silenceHeadInjectWarning } from './src/integrations/silence-head-inject-warning.ts';

// The public URL the site is served from: canonical links, Open Graph and the sitemap use it.
// `npm run deploy` always sets it (to the URL the stack serves); a plain build says once that it did not.
const site = process.env.SITE_URL ?? 'https://aws-memo.example.com';
/** @type {import('astro').AstroIntegration} */
const siteUrlNotice = {
  name: 'site-url',
  hooks: {
    'astro:build:start': ({ logger }) => {
      if (!process.env.SITE_URL) logger.info(`SITE_URL is not set: canonical URLs and the sitemap use ${site}`);
    },
  },
};

export default defineConfig({
  site,
  // S3 + CloudFront serve `/notes/iam/` from `notes/iam/index.html`; the URL rewrite matches this.
  trailingSlash: 'always',
  // Four pages render at once, so one page's file writes overlap another's rendering (a 1,000-note
  // build: 21.0 s against 25.5 s, median of 3, docs/quality.md).
  build: { format: 'directory', concurrency: 4 },
  markdown: { processor: markdownProcessor(), shikiConfig },
  // Never inline a page script (the production CSP allows no inline script but the theme's);
  // small stylesheets are still inlined as usual.
  vite: {
    build: {
      assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
      // Every note in one chunk of the prerender bundle, not a chunk per note: the build writes one
      // module and the page renderer imports one (a 1,000-note build: 17.0 s against 20.1 s,
      // median of 3); the pages are byte for byte the same. Browsers get no note code either way.
      rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'notes', test: `/${NOTES_DIR}/` }] } } },
    },
    plugins: [silenceHeadInjectWarning()],
  },
  integrations: [
    siteUrlNotice,
    // `optimize` compiles a note's static parts to HTML strings instead of one JSX call per element:
    // the same pages, rendered faster (a 1,000-note build: 21.7 s against 25.5 s, median of 3).
    mdx({ optimize: true }),
    sitemap(),
    linkCheck(),
    pagefindSearch(),
  ],
});
