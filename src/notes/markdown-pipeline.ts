import { unified, type ShikiConfig } from '@astrojs/markdown-remark';
import remarkBreaks from 'remark-breaks';
import { remarkGlossaryTerms } from '../glossary/remark-glossary-terms.ts';
import { codeLanguages } from '../markdown/code-languages.ts';
import { rehypeContentWarnings, type ContentWarnings } from '../markdown/content-warnings.ts';
import { rehypeHeadingAnchors } from '../markdown/rehype-heading-anchors.ts';
import { rehypeTableScroll } from '../markdown/rehype-table-scroll.ts';
import { projectMermaidRenderer } from '../markdown/mermaid/renderer.ts';
import { remarkMermaid } from '../markdown/remark-mermaid.ts';
import { remarkNoteData } from '../markdown/remark-note-data.ts';
import { remarkNotePreviews } from '../markdown/remark-note-previews.ts';
import { remarkStructurePlugins } from '../markdown/markdown-structure.ts';
import { remarkZennImages, zennFigureHandler, zennImageLinkHandler } from '../markdown/remark-zenn-images.ts';
import { zennMathHandler } from '../markdown/remark-zenn-math.ts';
import { transformerCodeTitle, transformerDiffLines } from '../markdown/shiki-transformers.ts';
import { zennBlockHandler } from '../markdown/zenn-blocks.ts';
import { zennEmbedHandler } from '../markdown/zenn-embeds.ts';
import { loadGlossary } from './glossary.ts';
import { createNoteIndex, type NoteIndex, type NotesSource } from './note-index.ts';
import { previewText } from './note-summaries.ts';

/** What the pipeline needs to know about the project; `astro.config.mjs` passes it in. */
export interface MarkdownPipelineOptions extends NotesSource {
  /** The build's list of problems shown in place (`markdown/content-warnings.ts`). */
  warnings: ContentWarnings;
  /** The build's note index (`note-index.ts`); without one (a test, a benchmark) the pipeline makes its own. */
  notes?: NoteIndex;
}

/**
 * The whole Markdown pipeline, in order: the dialect (`src/markdown/`) with what the notes add to
 * it (the glossary, previews of linked notes), read from the build's note index, as Astro's `markdown` config: `astro.config.mjs` uses it,
 * and the tests render through that config, so what the tests render is what the site renders.
 *
 * 1. The plugins that shape the tree (`markdown-structure.ts`: GFM, the script check, Zenn blocks
 *    and embeds, code meta).
 * 2. Mermaid diagrams drawn as SVG (`remark-mermaid.ts`; only the site's pass draws them, not the
 *    glossary's parse); images (`remark-zenn-images.ts`: local files resolved for Astro's image
 *    pipeline, a missing one fails; links to the full-size file; captions as figures).
 * 3. The glossary: after everything that reshapes the tree (so its anchors and links land on the
 *    final paragraphs, lists and blocks, and it never links inside an embed or code).
 * 4. Previews of linked notes (`remark-note-previews.ts`), for the links the glossary did not make.
 * 5. What pages need from the body (`remark-note-data.ts`: the links for backlinks, after the
 *    glossary's; the first paragraph for a note without a description).
 * 6. Line breaks: Zenn renders each newline in a paragraph as `<br>`, and the memo is written for that.
 * 7. Last, the problems shown in place (a bad formula, embed URL or image) go to the build's list
 *    of warnings with their `file:line` (`content-warnings.ts`).
 *
 * Zenn blocks and embeds become HTML through their registries' `remark-rehype` handlers. Code is
 * highlighted at build time with a light and a dark theme (CSS picks one, no JavaScript), every
 * language the notes use loaded up front (`code-languages.ts` says why).
 * Astro 7's default processor (Sätteri) runs no remark plugins, so notes go through unified.
 * SmartyPants stays off: it would turn the author's quotes and "..." into other characters.
 */
export function markdownPipeline(options: MarkdownPipelineOptions) {
  const notes = options.notes ?? createNoteIndex(options);
  const shikiConfig: Partial<ShikiConfig> = {
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: false,
    // Names of Shiki's bundled languages: Astro hands them to Shiki, whose types want registrations.
    langs: codeLanguages(notes.entries().map((entry) => notes.text(entry).text)) as unknown as ShikiConfig['langs'],
    transformers: [transformerCodeTitle, transformerDiffLines],
  };
  return {
    processor: unified({
      remarkPlugins: [
        ...remarkStructurePlugins,
        [remarkMermaid, { renderer: projectMermaidRenderer(options.root) }],
        [remarkZennImages, { root: options.root, contentDir: options.contentDir }],
        [remarkGlossaryTerms, { glossary: () => loadGlossary(notes) }],
        [
          remarkNotePreviews,
          { previewText: (key: string) => previewText(notes, key), noteIdOfFile: notes.noteIdOfFile.bind(notes) },
        ],
        remarkNoteData,
        remarkBreaks,
      ],
      rehypePlugins: [
        rehypeHeadingAnchors,
        rehypeTableScroll,
        [
          rehypeContentWarnings,
          { root: options.root, warnings: options.warnings, sourceOf: (path: string) => notes.sourceOfFile(path) },
        ],
      ],
      remarkRehype: {
        handlers: {
          zennBlock: zennBlockHandler,
          zennEmbed: zennEmbedHandler,
          zennMath: zennMathHandler,
          zennFigure: zennFigureHandler,
          zennImageLink: zennImageLinkHandler,
        },
        // Footnotes in Japanese, as Zenn titles them; the heading stays out of the 目次.
        footnoteLabel: '脚注',
        footnoteLabelProperties: { className: ['footnotes-title'] },
        footnoteBackLabel: (index: number, repeat: number) =>
          `本文の${index + 1}番目の脚注の参照へ戻る${repeat > 1 ? `（${repeat}回目）` : ''}`,
      },
      gfm: false,
      smartypants: false,
    }),
    shikiConfig,
  };
}
