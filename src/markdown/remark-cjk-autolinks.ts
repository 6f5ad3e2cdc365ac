import type { Link, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/**
 * GFM's autolink literal treats every non-space character after `www.` as part of the address,
 * so in Japanese, where words are not separated by spaces, a link swallows the rest of the
 * sentence:
 *
 * ```md
 * www.example.jpのウェブコンテンツを取得したい
 * →  before: <a href="http://www.example.jpのウェブ…">www.example.jpのウェブ…</a>
 * →  after:  <a href="http://www.example.jp">www.example.jp</a>のウェブコンテンツを取得したい
 * ```
 *
 * Only links GFM made from bare text are cut, at the first non-ASCII character; links the author
 * wrote as `[text](url)` are left alone.
 */
export function remarkCjkAutolinks() {
  return (tree: Root) => {
    visit(tree, 'link', (link: Link, index, parent) => {
      if (!parent || index === undefined) return;
      const text = toString(link);
      const isLiteral = link.url === text || link.url === `http://${text}` || link.url === `mailto:${text}`;
      const cut = text.search(/[^\x21-\x7e]/);
      if (!isLiteral || cut <= 0) return;
      const address = text.slice(0, cut);
      const prefix = link.url.slice(0, link.url.length - text.length);
      const shortened: Link = { ...link, url: prefix + address, children: [{ type: 'text', value: address }] };
      parent.children.splice(index, 1, shortened, { type: 'text', value: text.slice(cut) });
      return [SKIP, index + 2];
    });
  };
}
