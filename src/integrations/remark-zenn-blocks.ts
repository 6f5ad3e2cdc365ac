import type { Paragraph, Parent, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { toString } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import type { CalloutVariant } from '../utils/callout.ts';
import { paragraphFromLines, splitParagraphLines, type ParagraphLine } from './paragraph-lines.ts';
import { ContentError } from './content-error.ts';

/** The forms an author may write, quoted in every error so the fix is one look away. */
export const acceptedZennBlocks = [
  ':::message',
  ':::message alert',
  ':::details タイトル',
  '::::details タイトル (outer block, closed by ::::)',
];

type Marker =
  | { kind: 'open'; colons: number; name: 'Callout'; variant: CalloutVariant; line: number }
  | { kind: 'open'; colons: number; name: 'Details'; title: string; line: number }
  | { kind: 'close'; colons: number; line: number };

const markerPattern = /^(:{3,})\s*(.*?)\s*$/;

/** What may follow `:::message`, and the callout variant each one gives. */
const zennMessageVariants = new Map<string, CalloutVariant>([
  ['', 'info'],
  ['alert', 'alert'],
]);

/**
 * Zenn's block syntax, as zenn-editor takes it, turned into MDX components:
 *
 * ```md
 * :::message              →  <Callout variant="info">…</Callout>
 * :::message alert        →  <Callout variant="alert">…</Callout>
 * :::details タイトル      →  <Details title="タイトル">…</Details>
 * ::::details 外側         →  an outer block closed by `::::`, so `:::` blocks nest inside
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
  };
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

function sourceLineAt(line: number, file: VFile): string {
  return String(file.value).split('\n')[line - 1] ?? '';
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
  const argument = args.join(' ');
  if (name === 'message') {
    const variant = zennMessageVariants.get(argument);
    if (!variant) throw blockError(file, line.line, `unknown message variant "${argument}" in "${text}"`);
    return { kind: 'open', colons, name: 'Callout', variant, line: line.line };
  }
  if (name === 'details') {
    if (argument === '') throw blockError(file, line.line, `":::details" needs a title, as in ":::details 詳細を見る"`);
    return { kind: 'open', colons, name: 'Details', title: argument, line: line.line };
  }
  throw blockError(file, line.line, `unknown block "${fence}${name}"`);
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
    (stack.at(-1)?.children ?? result).push(toElement(open));
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

function toElement(open: Extract<Marker, { kind: 'open' }> & { children: RootContent[] }): MdxJsxFlowElement {
  const attribute = open.name === 'Callout' ? ['variant', open.variant] : ['title', open.title];
  return {
    type: 'mdxJsxFlowElement',
    name: open.name,
    attributes: [{ type: 'mdxJsxAttribute', name: attribute[0]!, value: attribute[1]! }],
    children: open.children as MdxJsxFlowElement['children'],
  };
}

function blockError(file: VFile, line: number, problem: string) {
  return new ContentError(file, line, problem, `Accepted Zenn blocks: ${acceptedZennBlocks.join(', ')}.`);
}
