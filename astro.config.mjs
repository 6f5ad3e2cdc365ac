// @ts-check
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { onDemandModule } from './src/integrations/browser-module.ts';
import { buildStamp } from './src/integrations/build-stamp.ts';
import { contentImages } from './src/integrations/content-images.ts';
import { ContentWarnings, contentWarningsReport } from './src/markdown/content-warnings.ts';
import { drafts } from './src/integrations/drafts.ts';
import { linkCheck } from './src/integrations/link-check.ts';
import { noteIndex } from './src/integrations/note-index.ts';
import { markdownPipeline } from './src/notes/markdown-pipeline.ts';
import { createNoteIndex } from './src/notes/note-index.ts';
import offline from './src/integrations/offline.ts';
import pagefindSearch from './src/integrations/pagefind.ts';
import { silenceHeadInjectWarning } from './src/integrations/silence-head-inject-warning.ts';
import { headScriptModule } from './src/integrations/head-script.ts';
import { siteConfig } from './src/site-config.ts';
import { woff2Only } from './src/integrations/woff2-only.ts';

// The project is where this file is (a `--root` build of a copy reads the copy's notes).
const root = fileURLToPath(new URL('.', import.meta.url));
const { contentDir } = siteConfig;
/** The build's notes, read once: the Markdown pass, the notes loader and the glossary's pages all ask it. */
const notes = createNoteIndex({ root, contentDir });
const search = pagefindSearch();
/** Problems shown in place on their pages, listed at the end of the build (`NOTES_STRICT=1`: errors). */
const warnings = new ContentWarnings(siteConfig.strict);
/** A plain build says once that canonical URLs use the placeholder (`npm run deploy` always sets SITE_URL). */
/** @type {import('astro').AstroIntegration} */
const siteUrlNotice = {
  name: 'site-url',
  hooks: {
    'astro:build:start': ({ logger }) => {
      if (siteConfig.siteUrlIsPlaceholder)
        logger.info(`SITE_URL is not set: canonical URLs and the sitemap use ${siteConfig.siteUrl}`);
    },
  },
};

// Typed here rather than through `defineConfig` (which only returns its argument): importing
// `astro/config` loads ~250 modules a build never uses (svgo and its CSS minifier), ~0.5 s of
// every build's start-up (docs/quality.md). `astro check` checks the type all the same.
/** @type {import('astro').AstroUserConfig} */
export default {
  site: siteConfig.siteUrl,
  // S3 + CloudFront serve `/notes/iam/` from `notes/iam/index.html`; the URL rewrite matches this.
  trailingSlash: 'always',
  // Pages render four at a time, so one page's file writes overlap another's rendering
  // (docs/quality.md, "Build time at scale").
  build: { format: 'directory', concurrency: 4 },
  markdown: markdownPipeline({ root, contentDir, warnings, notes }),
  // Never inline a page script (the production CSP allows no inline script but the theme's) nor a
  // font (its `font-src 'self'` refuses data: URLs); small stylesheets are still inlined as usual.
  vite: {
    css: { postcss: { plugins: [woff2Only()] } },
    build: {
      assetsInlineLimit: (file) => (/\.(js|woff2?|ttf)$/.test(file) ? false : undefined),
      // Every note in one chunk of the prerender bundle, not a chunk per note: the build writes one
      // module and the page renderer imports one (docs/quality.md). Browsers get no note code either way.
      rolldownOptions: {
        output: { codeSplitting: { groups: [{ name: 'notes', test: `/${contentDir}/(notes|articles|books)/` }] } },
      },
    },
    plugins: [silenceHeadInjectWarning(), headScriptModule()],
  },
  integrations: [
    siteUrlNotice,
    noteIndex(notes),
    drafts(),
    // `optimize` compiles a note's static parts to HTML strings instead of one JSX call per element:
    // the same pages, rendered faster (docs/quality.md).
    mdx({ optimize: true }),
    sitemap(),
    // Before the link check: links to content images must find them in the build.
    contentImages({ contentDir }),
    // Pagefind indexes the pages in its own process while the link check reads them.
    search.indexing,
    linkCheck({ contentDir, warnings }),
    search.indexed,
    // The search dialog (src/components/Search.astro) and the note page's 「Markdownをコピー」
    // (src/components/CopyMarkdown.astro): their code loads on use.
    onDemandModule({ name: 'search', entry: 'src/scripts/search/main.ts' }),
    onDemandModule({ name: 'copy-markdown', entry: 'src/scripts/copy-markdown.ts' }),
    // After Pagefind: the service worker keeps the search index too.
    offline(),
    // Every step's warnings, the link check's included, listed together.
    contentWarningsReport(warnings),
    // The very last step: marks dist/ complete (with its warnings' count), so a failed build is never deployed.
    buildStamp({ warnings }),
  ],
};
