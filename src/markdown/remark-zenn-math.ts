import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import katex from 'katex';
import type { Paragraph, Root } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { oneLine } from '../utils/one-line.ts';
import { ContentError } from './content-error.ts';
import { warnInPlace } from './content-warnings.ts';
import { zennMath, zennMathFromMarkdown, type ZennMathNode } from './zenn-math-syntax.ts';
import { record } from './recorded.ts';

/**
 * Zenn's math, typeset by KaTeX at build time: the page gets HTML and MathML, no script.
 *
 * ```md
 * $\sqrt{2}$            →  <span class="katex">…</span>
 * $$                    →  <div class="math-display" role="region" aria-label="数式" tabindex="0">
 * e^{i\pi} = -1              <span class="katex-display">…</span>
 * $$ (1)                     <span class="math-label">(1)</span></div>
 * ```
 *
 * Which `$` is math follows Zenn (`zenn-math-syntax.ts`). A formula KaTeX cannot parse shows as
 * Zenn shows it (KaTeX's `throwOnError: false`: the source, marked, the error as its title), and a
 * command that needs KaTeX's `trust` (`\href`, `\url`, `\includegraphics`, `\htmlClass`…) shows
 * as its source: both are warnings with the note's file and line (`content-warnings.ts`).
 */
export function remarkZennMath(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(zennMath());
  (data.fromMarkdownExtensions ??= []).push(zennMathFromMarkdown());
  return (tree: Root, file: VFile) => {
    let found = false;
    visit(tree, (node) => {
      if (node.type === 'paragraph') assertNoUnclosedBlock(node, file);
      if (node.type !== 'zennMath') return;
      found = true;
      const line = node.position?.start.line ?? 1;
      if (node.trailing?.trim())
        throw new ContentError(
          file,
          line,
          `text after the closing "$$" of a math block would be lost ("${node.trailing.trim()}")`,
          'Put it on its own line after the block',
        );
      node.data = { ...node.data, rendered: typeset(node, file, line) };
    });
    if (!found) return;
    record(file, { math: true });
  };
}

/** Zenn's one predefined macro (zenn-embed-elements' `katex.ts`). */
const zennMacros = { '\\RR': '\\mathbb{R}' };

function typeset(node: ZennMathNode, file: VFile, line: number): ElementContent[] {
  const refused: string[] = [];
  const render = (throwOnError: boolean) =>
    katex.renderToString(node.value, {
      displayMode: node.display,
      throwOnError,
      // Commands that make links, load images or set HTML attributes are refused: KaTeX shows
      // their source as an error instead.
      trust: ({ command }) => (refused.push(command), false),
      // Japanese text inside a formula is fine (Zenn renders it); no warning per character.
      strict: 'ignore',
      // A fresh copy: `\gdef` in one formula must not leak into another note.
      macros: { ...zennMacros },
      output: 'htmlAndMathml',
    });
  let html: string;
  try {
    html = render(true);
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error;
    warnInPlace(
      file,
      line,
      `KaTeX cannot typeset "${oneLine(node.value)}": ${oneLine(error.message)}`,
      'Fix the formula (KaTeX’s functions: https://katex.org/docs/supported.html), or write \\$ for a dollar sign',
    );
    // What Zenn shows (KaTeX with `throwOnError: false`): the formula's source, marked, the error as its title.
    html = render(false);
  }
  if (refused.length)
    warnInPlace(
      file,
      line,
      `"${refused[0]}" is not allowed in math ("${oneLine(node.value)}")`,
      'Links, images and HTML attributes in formulas are refused; write a Markdown link or image next to the formula',
    );
  return withoutInlineColour(fromHtml(html, { fragment: true }).children as ElementContent[]);
}

/** KaTeX colours an error inline (`style="color:#cc0000"`); the stylesheet colours it for light and dark. */
function withoutInlineColour(nodes: ElementContent[]): ElementContent[] {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    const className = node.properties.className;
    if (Array.isArray(className) && className.includes('katex-error')) delete node.properties.style;
    withoutInlineColour(node.children);
  }
  return nodes;
}

/** `$$` that opens a block never closed (or holding a "$", which Zenn's blocks do not allow). */
function assertNoUnclosedBlock(paragraph: Paragraph, file: VFile) {
  const first = paragraph.children[0];
  if (first?.type !== 'text' || !/^\$\$[ \t]*(\n|$)/.test(first.value)) return;
  throw new ContentError(
    file,
    paragraph.position?.start.line ?? 1,
    'this "$$" math block is never closed',
    'Close it with a line "$$" (a block holds no "$"; write \\$$ for two dollar signs)',
  );
}

/** Renders a math node (a `remark-rehype` handler): KaTeX's HTML, in a scroll box if it is a block. */
export function zennMathHandler(state: State, node: ZennMathNode): Element | ElementContent[] {
  const rendered = node.data?.rendered ?? [];
  if (!node.display) return rendered;
  // A wide formula scrolls inside its own box, reachable by keyboard (the pattern of wide tables).
  const box = h(
    node.block ? 'div' : 'span',
    { className: ['math-display'], role: 'region', ariaLabel: '数式', tabIndex: 0 },
    [...rendered, ...(node.label ? [h('span.math-label', `(${node.label})`)] : [])],
  );
  state.patch(node as never, box);
  return box;
}
