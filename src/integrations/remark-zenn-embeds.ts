import type { Link, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { ContentError } from './content-error.ts';
import { plainAttributes } from './mdx-jsx.ts';
import { paragraphFromLines, splitParagraphLines, type ParagraphLine } from './paragraph-lines.ts';
import {
  acceptedZennEmbeds,
  zennEmbedOfComponent,
  zennEmbeds,
  type ZennEmbedName,
  type ZennEmbedNode,
} from './zenn-embeds.ts';

/**
 * Zenn's embeds, made from the Markdown alone (no network at build time), as `zenn-embeds.ts`
 * renders them:
 *
 * ```md
 * https://example.com/guide.pdf     →  <p class="link-card"><a href="https://example.com/guide.pdf">…</a></p>
 * @[card](https://example.com/)     →  the same card
 * <LinkCard href="https://…" />     →  the same card, in MDX
 * ```
 *
 * A line qualifies when it holds nothing but the URL; a URL inside a sentence stays a link.
 * Neighbouring lines of the same paragraph stay paragraphs around the embed.
 */
export function remarkZennEmbeds() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'paragraph', (paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const lines = splitParagraphLines(paragraph);
      const embeds = lines.map((line) => embedOfLine(line, file));
      if (!embeds.some(Boolean)) return;
      const replacement: RootContent[] = [];
      let run: ParagraphLine[] = [];
      const flush = () => {
        if (run.length) replacement.push(paragraphFromLines(run));
        run = [];
      };
      lines.forEach((line, i) => {
        const embed = embeds[i];
        if (!embed) return run.push(line);
        flush();
        replacement.push(embed);
      });
      flush();
      parent.children.splice(index, 1, ...(replacement as Paragraph[]));
      return [SKIP, index + replacement.length];
    });
    componentsToEmbeds(tree, file);
  };
}

/** The embed a line stands for when it is an embed line, else undefined. */
function embedOfLine(line: ParagraphLine, file: VFile): ZennEmbedNode | undefined {
  const nodes = line.nodes.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const [first, second] = nodes;
  // A bare URL: GFM's autolink literal gives a link whose text is the URL itself.
  if (nodes.length === 1 && first?.type === 'link' && isBareUrl(first)) return embed('card', first.url, line, file);
  // `@[card](URL)`: the text "@" then a link whose text is the embed's name.
  if (
    nodes.length === 2 &&
    first?.type === 'text' &&
    first.value.trim() === '@' &&
    second?.type === 'link' &&
    toString(second) === 'card'
  ) {
    return embed('card', second.url, line, file);
  }
  return undefined;
}

function embed(name: ZennEmbedName, url: string, line: ParagraphLine, file: VFile): ZennEmbedNode {
  const props = zennEmbeds[name].fromUrl(url);
  if (typeof props === 'string') throw embedError(file, line.line, props);
  const position = { start: { line: line.line, column: 1 }, end: { line: line.line, column: 1 } };
  return { type: 'zennEmbed', name, props, position };
}

const isBareUrl = (link: Link) => /^https?:\/\//i.test(link.url) && toString(link) === link.url;

/** `<LinkCard href="…" />` written in MDX becomes the same embed as a URL line. */
function componentsToEmbeds(tree: Root, file: VFile) {
  visit(tree, (node, index, parent) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const name = zennEmbedOfComponent(node.name ?? '');
    if (!name || !parent || index === undefined) return;
    const line = node.position?.start.line ?? 1;
    if (node.type === 'mdxJsxTextElement') {
      throw embedError(file, line, `<${node.name}> is a block: put it on a line of its own, not inside a sentence`);
    }
    const attributes = plainAttributes(node.name!, node.attributes);
    const props = typeof attributes === 'string' ? attributes : zennEmbeds[name].fromAttributes(attributes);
    if (typeof props === 'string') throw embedError(file, line, props);
    const replacement: ZennEmbedNode = { type: 'zennEmbed', name, props, position: node.position };
    parent.children[index] = replacement as never;
    return [SKIP, index + 1] as const;
  });
}

function embedError(file: VFile, line: number, problem: string) {
  return new ContentError(file, line, problem, `Accepted Zenn embeds: ${acceptedZennEmbeds.join(', ')}.`);
}
