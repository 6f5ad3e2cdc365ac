import type { Image, Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/**
 * Zenn's image size (zenn-editor's `md-imsize`, after markdown-it-imsize): a space and `=WxH`
 * after the URL (and the title, if any) sets the width, the height or both.
 *
 * ```md
 * ![構成図](https://example.com/a.png =250x)   →  image { url, alt: '構成図', data.zennSize: { width: '250' } }
 * ![](a.png "タイトル" =x100)                    →  image { url: 'a.png', title: 'タイトル', data.zennSize: { height: '100' } }
 * ![](a.png =50%x30%)                           →  image { data.zennSize: { width: '50%', height: '30%' } }
 * ```
 *
 * CommonMark has no such syntax, so remark leaves the whole thing as text (with GFM, a URL in it
 * becomes an autolink): this plugin finds the pattern in a run of inline nodes and puts an image in
 * its place. `remarkZennImages` turns the size into attributes (`sizeAttributes`), or for a local
 * image into the size Astro makes it. Anything else (`=100200`, no space before `=`) stays text, as
 * on Zenn.
 */
export function remarkZennImageSize() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (!('children' in node) || !phrasingParents.has(node.type)) return;
      const parent = node as Parent & { children: PhrasingContent[] };
      if (!parent.children.some((child) => child.type === 'text' && child.value.includes('!['))) return;
      parent.children = withSizedImages(parent.children);
    });
  };
}

const phrasingParents = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link']);

/** Stands for an inline node (code, emphasis, …) in the text the pattern is matched against. */
const NODE = '\uFFFC';
/**
 * `![alt](src "title" =WxH)`: zenn-editor's rule, on one line. The URL is `<…>` or has no spaces
 * (balanced parentheses allowed, as CommonMark allows them: `…/File:A_(b).png`).
 */
const sizedImage =
  /!\[([^\]\n]*)\]\([ \t]*(<[^<>\n]*>|(?:[^\s()<>]|\([^\s()<>]*\))+)(?:[ \t]+("[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]+=(\d+%?)?x(\d+%?)?[ \t]*\)/g;

interface Piece {
  node: PhrasingContent;
  /** What the node contributes to the matched text: its value, an autolink's URL, or NODE. */
  text: string;
  start: number;
}

function withSizedImages(children: PhrasingContent[]): PhrasingContent[] {
  let offset = 0;
  const pieces: Piece[] = children.map((node) => {
    const text = node.type === 'text' ? node.value : isAutolinkLiteral(node) ? toString(node) : NODE;
    const piece = { node, text, start: offset };
    offset += text.length;
    return piece;
  });
  const joined = pieces.map((piece) => piece.text).join('');
  const matches = [...joined.matchAll(sizedImage)].filter((match) => {
    const [, , src = '', title = ''] = match;
    const end = match.index + match[0].length;
    // The match must start and end inside text, and the URL and title must be text too.
    return (
      !src.includes(NODE) &&
      !title.includes(NODE) &&
      pieceAt(pieces, match.index)?.node.type === 'text' &&
      pieceAt(pieces, end - 1)?.node.type === 'text'
    );
  });
  if (matches.length === 0) return children;

  const result: PhrasingContent[] = [];
  let cursor = 0;
  const emitText = (from: number, to: number) => {
    for (const piece of pieces) {
      const start = Math.max(from, piece.start);
      const end = Math.min(to, piece.start + piece.text.length);
      if (start >= end) continue;
      if (piece.node.type !== 'text') {
        result.push(piece.node);
        continue;
      }
      const whole = start === piece.start && end === piece.start + piece.text.length;
      result.push(
        whole ? piece.node : { type: 'text', value: piece.text.slice(start - piece.start, end - piece.start) },
      );
    }
  };
  for (const match of matches) {
    emitText(cursor, match.index);
    result.push(imageOf(match, pieces));
    cursor = match.index + match[0].length;
  }
  emitText(cursor, joined.length);
  return result;
}

function imageOf(match: RegExpExecArray, pieces: Piece[]): Image {
  const [, , rawSrc = '', rawTitle, width, height] = match;
  const altStart = match.index + 2;
  const first = pieceAt(pieces, match.index)!;
  const startLine = first.node.position
    ? first.node.position.start.line + (first.text.slice(0, match.index - first.start).match(/\n/g)?.length ?? 0)
    : undefined;
  return {
    type: 'image',
    url: rawSrc.startsWith('<') ? rawSrc.slice(1, -1) : rawSrc,
    title: rawTitle ? rawTitle.slice(1, -1) : null,
    alt: textBetween(pieces, altStart, altStart + (match[1]?.length ?? 0)),
    data: { zennSize: { width: width || undefined, height: height || undefined } },
    position: startLine ? { start: { line: startLine, column: 1 }, end: { line: startLine, column: 1 } } : undefined,
  };
}

/** Sets the size as HTML has it: pixels as `width`/`height`, a percentage as a CSS variable the stylesheet applies. */
export function sizeAttributes(size: ZennImageSize): Record<string, string> {
  const properties: Record<string, string> = {};
  const styles = [];
  for (const name of ['width', 'height'] as const) {
    const value = size[name];
    if (!value) continue;
    if (value.endsWith('%')) styles.push(`--image-${name}:${value}`);
    else properties[name] = value;
  }
  if (styles.length) properties.style = styles.join(';');
  return properties;
}

/** Zenn's `=WxH`, as written: digits, or digits and `%`. */
export interface ZennImageSize {
  width?: string;
  height?: string;
}

declare module 'mdast' {
  interface ImageData {
    /** Set by `remarkZennImageSize`, turned into attributes by `remarkZennImages`. */
    zennSize?: ZennImageSize;
  }
}

/** The alt text: the plain text of what the brackets hold (Markdown inside it included). */
function textBetween(pieces: Piece[], from: number, to: number): string {
  return pieces
    .map((piece) => {
      const start = Math.max(from, piece.start);
      const end = Math.min(to, piece.start + piece.text.length);
      if (start >= end) return '';
      return piece.text === NODE ? toString(piece.node) : piece.text.slice(start - piece.start, end - piece.start);
    })
    .join('');
}

const pieceAt = (pieces: Piece[], index: number) =>
  pieces.find((piece) => index >= piece.start && index < piece.start + piece.text.length);

/** A URL that GFM linked by itself (`https://…` written bare): the link spans exactly its text. */
function isAutolinkLiteral(node: PhrasingContent): node is Link {
  if (node.type !== 'link' || node.children.length !== 1) return false;
  const [text] = node.children as Text[];
  return (
    text?.type === 'text' &&
    node.position?.start.offset !== undefined &&
    node.position.start.offset === text.position?.start.offset &&
    node.position.end.offset === text.position?.end.offset
  );
}
