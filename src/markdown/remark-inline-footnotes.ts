import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Zenn's inline footnotes (markdown-it-footnote's `^[…]`), as GFM footnotes, numbered with the
 * `[^1]` ones in order of appearance:
 *
 * ```md
 * IAMは無料^[ただし**一部**を除く]。   →  IAMは無料<sup><a href="#user-content-fn-inline-1">1</a></sup>。
 * ```
 *
 * The note's text may hold Markdown (emphasis, links, code) and balanced brackets; `\^[` stays
 * literal text, and so does a `^[` that is never closed.
 */
export function remarkInlineFootnotes() {
  return (tree: Root, file: VFile) => {
    const definitions: FootnoteDefinition[] = [];
    const source = String(file.value);
    const define = (content: PhrasingContent[]): FootnoteReference => {
      const identifier = `inline-${definitions.length + 1}`;
      definitions.push({
        type: 'footnoteDefinition',
        identifier,
        label: identifier,
        children: [{ type: 'paragraph', children: content }],
      });
      return { type: 'footnoteReference', identifier, label: identifier };
    };
    visit(tree, (node) => {
      if (!('children' in node) || node.type === 'footnoteDefinition') return;
      const parent = node as Parent;
      if (!parent.children.some((child) => child.type === 'text' && child.value.includes('^['))) return;
      parent.children = rewrite(parent.children as PhrasingContent[], source, define) as Parent['children'];
    });
    tree.children.push(...definitions);
  };
}

interface Frame {
  content: PhrasingContent[];
  depth: number;
}

function rewrite(
  nodes: PhrasingContent[],
  source: string,
  define: (content: PhrasingContent[]) => FootnoteReference,
): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const stack: Frame[] = [];
  const target = () => stack.at(-1)?.content ?? out;
  const pushText = (value: string) => {
    if (!value) return;
    const into = target();
    const last = into.at(-1);
    if (last?.type === 'text') last.value += value;
    else into.push({ type: 'text', value });
  };

  for (const node of nodes) {
    if (node.type !== 'text') {
      target().push(node);
      continue;
    }
    const openings = new Set(unescapedOpenings(node, source));
    let run = '';
    for (let i = 0; i < node.value.length; i++) {
      const ch = node.value[i]!;
      if (openings.has(i)) {
        pushText(run);
        run = '';
        stack.push({ content: [], depth: 1 });
        i++; // the `[`
      } else if (stack.length && ch === '[') {
        stack.at(-1)!.depth++;
        run += ch;
      } else if (stack.length && ch === ']' && --stack.at(-1)!.depth === 0) {
        pushText(run);
        run = '';
        const frame = stack.pop()!;
        target().push(define(frame.content));
      } else run += ch;
    }
    pushText(run);
  }
  // An unclosed `^[` is text, as written.
  while (stack.length) {
    const frame = stack.pop()!;
    pushText('^[');
    for (const node of frame.content) {
      if (node.type === 'text') pushText(node.value);
      else target().push(node);
    }
  }
  return out;
}

/**
 * The indexes of `^[` in a text node that the author did not escape. Escapes are gone from the
 * text's value, so the source behind the node says which were written `\^[` or `^\[`.
 */
function unescapedOpenings(node: Text, source: string): number[] {
  const inValue: number[] = [];
  for (let at = node.value.indexOf('^['); at >= 0; at = node.value.indexOf('^[', at + 2)) inValue.push(at);
  const { start, end } = node.position ?? {};
  if (start?.offset === undefined || end?.offset === undefined) return inValue;
  const written = [...source.slice(start.offset, end.offset).matchAll(/(\\?)\^(\\?)\[/g)];
  if (written.length !== inValue.length) return inValue;
  return inValue.filter((_, k) => !written[k]![1] && !written[k]![2]);
}
