import type { Link, Paragraph, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { paragraphFromLines, splitParagraphLines, type ParagraphLine } from './paragraph-lines.ts';

/**
 * Zenn's link cards, made from the Markdown alone (no network at build time):
 *
 * ```md
 * https://example.com/guide.pdf     →  <LinkCard href="https://example.com/guide.pdf" />
 * @[card](https://example.com/)     →  <LinkCard href="https://example.com/" />
 * ```
 *
 * A line qualifies when it holds nothing but the URL; a URL inside a sentence stays a link.
 * Neighbouring lines of the same paragraph stay paragraphs around the card.
 */
export function remarkLinkCards() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const lines = splitParagraphLines(paragraph);
      const cards = lines.map(cardLink);
      if (!cards.some(Boolean)) return;
      const replacement: RootContent[] = [];
      let run: ParagraphLine[] = [];
      const flush = () => {
        if (run.length) replacement.push(paragraphFromLines(run));
        run = [];
      };
      lines.forEach((line, i) => {
        const link = cards[i];
        if (!link) return run.push(line);
        flush();
        replacement.push(linkCard(link));
      });
      flush();
      parent.children.splice(index, 1, ...(replacement as Paragraph[]));
      return [SKIP, index + replacement.length];
    });
  };
}

/** The link a line stands for when it is a card line, else undefined. */
function cardLink(line: ParagraphLine): Link | undefined {
  const nodes = line.nodes.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const [first, second] = nodes;
  // A bare URL: GFM's autolink literal gives a link whose text is the URL itself.
  if (nodes.length === 1 && first?.type === 'link' && isBareUrl(first)) return first;
  // `@[card](URL)`: the text "@" then a link whose text is "card".
  if (
    nodes.length === 2 &&
    first?.type === 'text' &&
    first.value.trim() === '@' &&
    second?.type === 'link' &&
    toString(second) === 'card' &&
    isWebUrl(second.url)
  ) {
    return { ...second, children: [{ type: 'text', value: second.url }] };
  }
  return undefined;
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

function isBareUrl(link: Link): boolean {
  return isWebUrl(link.url) && toString(link) === link.url;
}

function linkCard(link: Link): MdxJsxFlowElement {
  return {
    type: 'mdxJsxFlowElement',
    name: 'LinkCard',
    attributes: [{ type: 'mdxJsxAttribute', name: 'href', value: link.url }],
    children: [],
  };
}
