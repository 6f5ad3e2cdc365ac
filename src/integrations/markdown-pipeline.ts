import { unified } from '@astrojs/markdown-remark';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';
import type { ShikiConfig } from '@astrojs/markdown-remark';
import { remarkCjkAutolinks } from './remark-cjk-autolinks.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeTableScroll } from './rehype-table-scroll.ts';
import { remarkCodeMeta } from './remark-code-meta.ts';
import { remarkGlossaryTerms } from './remark-glossary-terms.ts';
import { remarkLinkCards } from './remark-link-cards.ts';
import { remarkRejectScripts } from './remark-reject-scripts.ts';
import { remarkZennBlocks } from './remark-zenn-blocks.ts';
import { transformerCodeTitle, transformerDiffLines } from './shiki-transformers.ts';

/**
 * The whole Markdown pipeline, in order. `astro.config.mjs` and the tests both use these lists,
 * so what the tests render is what the site renders.
 *
 * Order matters: GFM, then the check that refuses script in a note (on the tree as written), then the fix for its autolinks in Japanese text; Zenn blocks next (they split paragraphs at `:::` lines), then link cards (a URL
 * line inside a block becomes a card too), then code meta (before Shiki reads it). Last, line
 * breaks: Zenn renders each newline in a paragraph as `<br>`, and the memo is written for that.
 */
// The glossary comes after everything that reshapes the tree (so its anchors and links land on the
// final paragraphs, lists and callouts, and it never links inside a link card or code) and before
// line breaks; it reads the notes through the plugins before it, so it must stay after them.
export const remarkPlugins = [
  remarkGfm,
  remarkRejectScripts,
  remarkCjkAutolinks,
  remarkZennBlocks,
  remarkLinkCards,
  remarkCodeMeta,
  remarkGlossaryTerms,
  remarkBreaks,
];
export const rehypePlugins = [rehypeHeadingAnchors, rehypeTableScroll];

/** Build-time highlighting with a light and a dark theme; CSS picks one, no JavaScript. */
export const shikiConfig: Partial<ShikiConfig> = {
  themes: { light: 'github-light', dark: 'github-dark' },
  defaultColor: false,
  transformers: [transformerCodeTitle, transformerDiffLines],
};

/**
 * Astro 7's default processor (Sätteri) runs no remark plugins, so notes go through unified.
 * SmartyPants stays off: it would turn the author's quotes and "..." into other characters.
 */
export const markdownProcessor = () => unified({ remarkPlugins, rehypePlugins, gfm: false, smartypants: false });
