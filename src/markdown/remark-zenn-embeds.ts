import type { Link, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { ContentError } from './content-error.ts';
import { warnInPlace } from './content-warnings.ts';
import { plainAttributes } from './mdx-jsx.ts';
import { zennBlocks } from './zenn-blocks.ts';
import { paragraphFromLines, splitParagraphLines, type ParagraphLine } from './paragraph-lines.ts';
import {
  acceptedZennEmbedNames,
  isZennEmbedName,
  zennEmbedOfBareUrl,
  zennEmbedOfComponent,
  zennEmbedProps,
  zennEmbeds,
  EmbedRejection,
  type ZennEmbedName,
  type ZennEmbedNode,
} from './zenn-embeds.ts';

/**
 * Zenn's embeds, made from the Markdown alone (no network at build time), as `zenn-embeds.ts`
 * renders them:
 *
 * ```md
 * https://example.com/guide.pdf         →  <p class="link-card"><a href="https://example.com/guide.pdf">…</a></p>
 * @[card](https://example.com/)         →  the same card
 * <LinkCard href="https://…" />         →  the same card, in MDX
 * @[youtube](X8NBvQDDXXc)               →  <p class="link-card embed-card embed-youtube"><a href="https://www.youtube.com/watch?v=X8NBvQDDXXc">…</a></p>
 * https://x.com/jack/status/20          →  a card for the post (X, YouTube and GitHub file URLs have their own)
 * @[youtube](bad id!)                  →  <p class="content-problem">YouTubeのvideoIDが不正です …</p>, and a warning
 * @[nosuch](…)                          →  error: unknown embed, with the accepted names
 * ```
 *
 * A line qualifies when it holds nothing but the URL or the `@[name](…)`; a URL inside a sentence,
 * a list item, a quote or a `:::message` stays a link, as on Zenn (`@[name](…)` works there too). Neighbouring lines of the same paragraph stay paragraphs around the embed. As in
 * zenn-editor (`md-custom-block.ts`), `@[name](…)` is read from the line as written, the argument
 * running to the line's last `)`, so what Markdown would make of it (an autolink, an escape, a
 * `<…>` destination) changes nothing.
 */
export function remarkZennEmbeds() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value ?? '').split(/\r?\n/);
    visit(tree, 'paragraph', (paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const lines = splitParagraphLines(paragraph);
      // As on Zenn, a URL line is a card in the note's own paragraphs and in :::details, not in a
      // :::message, a list or a quote.
      const urlLinesAreCards =
        parent.type === 'root' || (parent.type === 'zennBlock' && zennBlocks[parent.name].urlLinesAreCards);
      const embeds = lines.map((line) => embedOfLine(line, source[line.line - 1] ?? '', urlLinesAreCards, file));
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

/** What comes before a paragraph's text on its source line: indentation, `>` and list markers. */
const containerPrefix = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;
/** zenn-editor's `@[tag](arg)`: a name of word characters, the argument up to the line's last `)`. */
const embedCall = /^@\[([\w-]+)\]\((.+)\)(.*)$/;

/** The embed a line stands for when it is an embed line, else undefined. */
function embedOfLine(
  line: ParagraphLine,
  sourceLine: string,
  urlLinesAreCards: boolean,
  file: VFile,
): ZennEmbedNode | undefined {
  const call = embedCall.exec(sourceLine.replace(containerPrefix, ''));
  if (call) {
    const [, name = '', argument = '', rest = ''] = call;
    if (!isZennEmbedName(name)) {
      throw new ContentError(
        file,
        line.line,
        `Zenn has no embed "@[${name}]"`,
        `Accepted embeds: ${acceptedZennEmbedNames.join(', ')}. For a plain link write [${name}](${argument})`,
      );
    }
    if (rest.trim() !== '') {
      throw embedError(
        file,
        line.line,
        name,
        `text after @[${name}](…) on the same line ("${rest.trim()}") would be lost`,
      );
    }
    return embed(name, argument.trim(), line, file, sourceLine.replace(containerPrefix, ''));
  }
  // A bare URL: GFM's autolink literal gives a link whose text is the URL itself. As on Zenn (only
  // its linkify makes cards), a URL written as a link, `[https://…](https://…)` or `<https://…>`, is none.
  const nodes = line.nodes.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const [only] = nodes;
  const writtenAsLink = (link: Link) => /[[<]/.test(sourceLine[(link.position?.start.column ?? 0) - 1] ?? '');
  if (urlLinesAreCards && nodes.length === 1 && only?.type === 'link' && isBareUrl(only) && !writtenAsLink(only)) {
    return embed(zennEmbedOfBareUrl(only.url), only.url, line, file, only.url);
  }
  return undefined;
}

function embed(
  name: ZennEmbedName,
  argument: string,
  line: ParagraphLine,
  file: VFile,
  written: string,
): ZennEmbedNode {
  const props = zennEmbedProps(name, argument);
  const position = { start: { line: line.line, column: 1 }, end: { line: line.line, column: 1 } };
  if (props instanceof EmbedRejection) {
    // As on Zenn: the page shows Zenn's message where the embed would be; the author gets a warning.
    warnInPlace(file, line.line, `${props.problem} (Zenn shows "${props.zenn}")`, `Write it as ${usageOf(name)}`);
    return { type: 'zennEmbed', name, props, position, written: written.trim() };
  }
  return { type: 'zennEmbed', name, props, position };
}

const isBareUrl = (link: Link) => /^https?:\/\//i.test(link.url) && toString(link) === link.url;

/** `<LinkCard href="…" />` written in MDX becomes the same embed as a URL line. */
function componentsToEmbeds(tree: Root, file: VFile) {
  visit(tree, (node, index, parent) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const name = zennEmbedOfComponent(node.name ?? '');
    const fromAttributes = name && zennEmbeds[name].fromAttributes;
    if (!name || !fromAttributes || !parent || index === undefined) return;
    const line = node.position?.start.line ?? 1;
    if (node.type === 'mdxJsxTextElement') {
      throw embedError(
        file,
        line,
        name,
        `<${node.name}> is a block: put it on a line of its own, not inside a sentence`,
      );
    }
    const attributes = plainAttributes(node.name!, node.attributes);
    const props = typeof attributes === 'string' ? attributes : fromAttributes(attributes);
    if (typeof props === 'string') throw embedError(file, line, name, props);
    const replacement: ZennEmbedNode = { type: 'zennEmbed', name, props, position: node.position };
    parent.children[index] = replacement as never;
    return [SKIP, index + 1] as const;
  });
}

const usageOf = (name: ZennEmbedName) => zennEmbeds[name].usage.join(' or ');

/** The problem, then how the embed is written. */
function embedError(file: VFile, line: number, name: ZennEmbedName, problem: string) {
  return new ContentError(file, line, problem, `Write it as ${usageOf(name)}`);
}
