import remarkGfm from 'remark-gfm';
import { remarkCjkAutolinks } from './remark-cjk-autolinks.ts';
import { remarkCodeMeta } from './remark-code-meta.ts';
import { remarkDemoteHeadings } from './remark-demote-headings.ts';
import { remarkInlineFootnotes } from './remark-inline-footnotes.ts';
import { remarkNfcLinks } from './remark-nfc-links.ts';
import { remarkRejectScripts } from './remark-reject-scripts.ts';
import { remarkZennBlocks } from './remark-zenn-blocks.ts';
import { remarkZennEmbeds } from './remark-zenn-embeds.ts';
import { remarkZennHeadingIds } from './remark-zenn-heading-ids.ts';
import { remarkZennImageSize } from './remark-zenn-image-size.ts';
import { remarkZennMarkdown } from './remark-zenn-markdown.ts';
import { remarkZennMath } from './remark-zenn-math.ts';

/**
 * The remark plugins that give a note's tree its shape, in order. The site's pipeline
 * (`markdown-pipeline.ts`) runs them first; the glossary parses the notes that declare terms
 * through them too, so it finds definitions in the tree the site renders.
 *
 * Order matters:
 * 1. Zenn's Markdown rules for `.md` (raw HTML is text); Zenn's `$` math (typeset by KaTeX, so the
 *    glossary never links inside a formula); then GFM; then Zenn's sized images (`![](a.png =250x)`,
 *    text until then, so the next check sees their URLs).
 * 2. The check that refuses script in a note, on the tree as written.
 * 3. The fix for GFM's autolinks in Japanese text; links within the site in composed Unicode (NFC,
 *    as note URLs are); Zenn's `^[…]` footnotes; Zenn's heading ids (on the headings' levels as
 *    written); one `<h1>` per page (a body's `#` headings move down a level).
 * 4. Zenn blocks (they split paragraphs at `:::` lines), then embeds (a URL line inside a block
 *    becomes a card too), then code meta (before Shiki reads it).
 */
export const remarkStructurePlugins = [
  remarkZennMarkdown,
  remarkZennMath,
  remarkGfm,
  remarkZennImageSize,
  remarkRejectScripts,
  remarkCjkAutolinks,
  remarkNfcLinks,
  remarkInlineFootnotes,
  remarkZennHeadingIds,
  remarkDemoteHeadings,
  remarkZennBlocks,
  remarkZennEmbeds,
  remarkCodeMeta,
];
