import type { Parent, Root, Text } from 'mdast';
import type { Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Zenn's Markdown rules for `.md` notes, which Zenn renders with HTML off:
 *
 * ```md
 * <div onclick="x">hi</div>    →  <p>&lt;div onclick="x"&gt;hi&lt;/div&gt;</p>   (raw HTML is text)
 * a <!-- note to self --> b    →  <p>a  b</p>                                      (comments are dropped)
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
  return (tree: Root) => dropComments(tree);
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
