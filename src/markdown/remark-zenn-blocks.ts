import type { Paragraph, Parent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { ContentError } from './content-error.ts';
import { plainAttributes } from './mdx-jsx.ts';
import { paragraphFromLines, splitParagraphLines, type ParagraphLine } from './paragraph-lines.ts';
import {
  acceptedZennBlocks,
  isZennBlockName,
  zennBlockOfComponent,
  zennBlocks,
  type ZennBlockName,
  type ZennBlockNode,
} from './zenn-blocks.ts';

type Marker =
  | { kind: 'open'; colons: number; name: ZennBlockName; props: unknown; line: number }
  | { kind: 'close'; colons: number; line: number };

const markerPattern = /^(:{3,})\s*(.*?)\s*$/;

/**
 * Zenn's block syntax, as zenn-editor takes it, turned into the blocks of `zenn-blocks.ts`:
 *
 * ```md
 * :::message              →  <aside class="msg info" role="note" aria-label="メモ">…</aside>
 * :::message alert        →  <aside class="msg alert" role="note" aria-label="注意">…</aside>
 * :::details タイトル      →  <details class="details"><summary>タイトル</summary>…</details>
 * ::::details 外側         →  an outer block closed by `::::`, so `:::` blocks nest inside
 * <Callout variant="alert">…</Callout>, <Details title="…">…</Details>  →  the same, in MDX
 * ```
 *
 * Everything between the fences is ordinary Markdown (headings, lists, code, more blocks). Markers
 * are found on paragraph lines only, so `:::` inside code and `a:b` in a sentence stay text. An
 * unknown name, a details block without a title, a stray or unclosed fence fails with file and line.
 * (`remark-directive` can't be used: it rejects `:::message alert` and a details title.)
 */
export function remarkZennBlocks() {
  return (tree: Root, file: VFile) => {
    const markers = new WeakMap<RootContent, Marker>();

    // Collect first, then rewrite: splitting moves nodes between parents.
    const found: { paragraph: Paragraph; ancestors: Parent[] }[] = [];
    visitParents(tree, 'paragraph', (paragraph, ancestors) => {
      if (splitParagraphLines(paragraph).some((line) => isMarkerLine(line, file)))
        found.push({ paragraph, ancestors: [...ancestors] });
    });
    for (const { paragraph, ancestors } of found) {
      const replacement: Paragraph[] = [];
      const trailing: Paragraph[] = [];
      let run: ParagraphLine[] = [];
      const flush = () => {
        if (run.length) replacement.push(paragraphFromLines(run));
        run = [];
      };
      for (const line of splitParagraphLines(paragraph)) {
        if (!isMarkerLine(line, file)) {
          replacement.push(...trailing.splice(0));
          run.push(line);
          continue;
        }
        flush();
        const node = paragraphFromLines([line]);
        markers.set(node, parseMarker(line, file));
        trailing.push(node);
      }
      flush();
      const parent = ancestors.at(-1)!;
      const index = parent.children.indexOf(paragraph);
      const last = replacement.at(-1);
      // A paragraph of markers only stays where it is; markers after text may be lazy lines.
      if (last) {
        parent.children.splice(index, 1, ...replacement);
        insertAfterLazyContainers(trailing, last, ancestors, file);
      } else parent.children.splice(index, 1, ...(trailing as never[]));
    }
    groupBlocks(tree, markers, file);
    componentsToBlocks(tree, file);
  };
}

/** `<Callout>` and `<Details>` written in MDX become the same blocks as `:::message` and `:::details`. */
function componentsToBlocks(tree: Root, file: VFile) {
  visit(tree, (node, index, parent) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const name = zennBlockOfComponent(node.name ?? '');
    if (!name || !parent || index === undefined) return;
    const line = node.position?.start.line ?? 1;
    if (node.type === 'mdxJsxTextElement') {
      throw blockError(file, line, `<${node.name}> is a block: put it on lines of its own, not inside a sentence`);
    }
    const attributes = plainAttributes(node.name!, node.attributes);
    const props = typeof attributes === 'string' ? attributes : zennBlocks[name].fromAttributes(attributes as never);
    if (typeof props === 'string') throw blockError(file, line, props);
    const block: ZennBlockNode = {
      type: 'zennBlock',
      name,
      props,
      children: node.children as ZennBlockNode['children'],
      position: node.position,
    };
    parent.children[index] = block as never;
    return [SKIP, index] as const;
  });
}

/**
 * Places closing markers that end a paragraph. Markdown reads an unindented `:::` right after a
 * list item or quote as a lazy continuation of it, but Zenn closes the block there, so such a
 * marker moves out of every list or quote it only lazily belongs to.
 */
function insertAfterLazyContainers(markerNodes: Paragraph[], last: RootContent, ancestors: Parent[], file: VFile) {
  if (!markerNodes.length) return;
  const line = sourceLineAt(markerNodes[0]!.position?.start.line ?? 1, file);
  const column = line.search(/\S/) + 1;
  let level = ancestors.length - 1;
  let after: RootContent = last;
  for (;;) {
    const container = ancestors[level]!;
    const holder = ancestors[level - 1];
    const endsContainer = container.children.at(-1) === after && holder?.children.at(-1) === container;
    if (
      container.type === 'listItem' &&
      level >= 2 &&
      endsContainer &&
      column <= (container.position?.start.column ?? 1)
    ) {
      after = holder as RootContent; // step out of the item and its list
      level -= 2;
    } else if (
      container.type === 'blockquote' &&
      holder &&
      container.children.at(-1) === after &&
      !line.trimStart().startsWith('>')
    ) {
      after = container as RootContent;
      level -= 1;
    } else break;
  }
  const target = ancestors[level]!;
  target.children.splice(target.children.indexOf(after as never) + 1, 0, ...(markerNodes as never[]));
}

/** Each file's source lines, split once: splitting per marker made a note with many blocks quadratic. */
const sourceLines = new WeakMap<VFile, { source: string; lines: string[] }>();

function sourceLineAt(line: number, file: VFile): string {
  const source = String(file.value);
  let split = sourceLines.get(file);
  if (split?.source !== source) sourceLines.set(file, (split = { source, lines: source.split('\n') }));
  return split.lines[line - 1] ?? '';
}

/**
 * A marker is a line whose first inline node is text starting with `:::` (so not inline code)
 * and whose source starts with it too (so not an escaped `\:::`; `>` allows one inside a quote).
 */
function isMarkerLine(line: ParagraphLine, file: VFile): boolean {
  const first = line.nodes[0];
  return (
    first?.type === 'text' &&
    first.value.trimStart().startsWith(':::') &&
    /^[\s>]*:::/.test(sourceLineAt(line.line, file))
  );
}

function parseMarker(line: ParagraphLine, file: VFile): Marker {
  const text = line.nodes
    .map((node) => toString(node))
    .join('')
    .trim();
  const [, fence = '', rest = ''] = markerPattern.exec(text) ?? [];
  const colons = fence.length;
  if (rest === '') return { kind: 'close', colons, line: line.line };
  const [name = '', ...args] = rest.split(/\s+/);
  if (!isZennBlockName(name)) throw blockError(file, line.line, `unknown block "${fence}${name}"`);
  const props = zennBlocks[name].fromArgument(args.join(' '));
  if (typeof props === 'string') throw blockError(file, line.line, `${props} in "${text}"`);
  return { kind: 'open', colons, name, props, line: line.line };
}

function groupBlocks(parent: Parent, markers: WeakMap<RootContent, Marker>, file: VFile) {
  type Open = Extract<Marker, { kind: 'open' }> & { children: RootContent[] };
  const result: RootContent[] = [];
  const stack: Open[] = [];
  for (const child of parent.children) {
    const marker = markers.get(child);
    if (!marker) {
      if ('children' in child) groupBlocks(child, markers, file);
      (stack.at(-1)?.children ?? result).push(child);
      continue;
    }
    if (marker.kind === 'open') {
      stack.push({ ...marker, children: [] });
      continue;
    }
    const open = stack.pop();
    if (!open) {
      throw blockError(
        file,
        marker.line,
        `"${':'.repeat(marker.colons)}" closes nothing: no block is open here (write "\\:::" for literal text)`,
      );
    }
    if (marker.colons < open.colons) {
      throw blockError(
        file,
        marker.line,
        `"${':'.repeat(marker.colons)}" cannot close the "${':'.repeat(open.colons)}" block opened on line ${open.line}: close it with "${':'.repeat(open.colons)}"`,
      );
    }
    (stack.at(-1)?.children ?? result).push(toBlock(open));
  }
  const unclosed = stack.at(-1);
  if (unclosed) {
    throw blockError(
      file,
      unclosed.line,
      `this "${':'.repeat(unclosed.colons)}" block is never closed: add a line "${':'.repeat(unclosed.colons)}" after its content`,
    );
  }
  parent.children = result as Parent['children'];
}

function toBlock(open: Extract<Marker, { kind: 'open' }> & { children: RootContent[] }): ZennBlockNode {
  return {
    type: 'zennBlock',
    name: open.name,
    props: open.props,
    children: open.children as ZennBlockNode['children'],
    position: { start: { line: open.line, column: 1 }, end: { line: open.line, column: 1 } },
  };
}

function blockError(file: VFile, line: number, problem: string) {
  return new ContentError(file, line, problem, `Accepted Zenn blocks: ${acceptedZennBlocks.join(', ')}.`);
}
