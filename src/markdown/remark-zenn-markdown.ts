import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Zenn's Markdown rules for `.md` notes, which Zenn renders with HTML off:
 *
 * ```md
 * <div onclick="x">hi</div>    →  <p>&lt;div onclick="x"&gt;hi&lt;/div&gt;</p>   (raw HTML is text)
 * a <!-- note to self --> b    →  <p>a  b</p>                                      (comments are dropped)
 * foo<br>bar                   →  <p>foo<br>bar</p>                                (Zenn's one tag: a line break)
 * ```
 *
 * Raw HTML is turned off in the parser itself (micromark's `htmlFlow` and `htmlText`), so the
 * Markdown around a tag still parses as Zenn's does, and no tag, script or event attribute can
 * reach the page. MDX notes turn these constructs off too (they are JSX there), so the plugin
 * changes nothing for them.
 */
export function remarkZennMarkdown(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: ['htmlFlow', 'htmlText'] } });
  return (tree: Root, file: VFile) => {
    dropComments(tree);
    lineBreakTags(tree, String(file.value));
  };
}

/** Zenn's one tag in text (its `md-br`, case-sensitive): `<br>`, `<br/>`, `<br />`. */
const brTag = /<br\s?\/?>/;

/**
 * `foo<br>bar` is a line break on Zenn, in a paragraph or a table cell, though raw HTML is off.
 * Only text written as it reads counts: `\<br>` (an escape, also text on Zenn) and `` `<br>` ``
 * (code) stay as they are. In MDX, `<br>` is JSX already and its text never holds one unescaped.
 */
function lineBreakTags(tree: Root, source: string): void {
  visit(tree, 'text', (node, index, parent) => {
    if (!parent || index === undefined || !brTag.test(node.value)) return;
    const { start, end } = node.position ?? {};
    if (start?.offset === undefined || end?.offset === undefined) return;
    if (source.slice(start.offset, end.offset) !== node.value) return; // an escape or entity in it
    const parts = node.value.split(brTag);
    const nodes: PhrasingContent[] = parts.flatMap((value, i) => [
      ...(i > 0 ? [{ type: 'break' } as const] : []),
      ...(value ? [{ type: 'text', value } as const] : []),
    ]);
    parent.children.splice(index, 1, ...nodes);
    return [SKIP, index + nodes.length];
  });
}

const comment = /<!--[\s\S]*?-->/g;

/** Removes `<!-- … -->` (now plain text) from text, and paragraphs left empty by it. */
function dropComments(tree: Root): void {
  visit(tree, 'paragraph', (paragraph, index, parent) => {
    const texts = paragraph.children.filter((node): node is Text => node.type === 'text');
    if (!texts.some((node) => node.value.includes('<!--'))) return;
    // A comment may span several text nodes (a line break between them): join runs of text first.
    const merged: Parent['children'] = [];
    for (const node of paragraph.children) {
      const last = merged.at(-1);
      if (node.type === 'text' && last?.type === 'text') last.value += node.value;
      else merged.push(node.type === 'text' ? { ...node } : node);
    }
    paragraph.children = (merged as Text[])
      .map((node) => (node.type === 'text' ? { ...node, value: node.value.replace(comment, '') } : node))
      .filter((node) => node.type !== 'text' || node.value !== '') as typeof paragraph.children;
    const empty = paragraph.children.every((node) => node.type === 'text' && node.value.trim() === '');
    if (empty && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
}
