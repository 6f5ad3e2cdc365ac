import type { Definition, Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { safeDecodeUri } from '../utils/safe-decode.ts';

/**
 * Writes each link within the site in composed Unicode (NFC), as the site names its pages: a
 * note's URL is its file name in NFC (`noteIdOf`), and a link copied from a decomposed (NFD) file
 * name, as macOS writes them, would otherwise point at a page that does not exist.
 *
 * ```md
 * [ガイド](/notes/ガイド/)   ← ガ written カ + U+3099, or as %E3%82%AB%E3%82%99…
 * →  <a href="/notes/%E3%82%AC%E3%82%A4%E3%83%89/">   (ガ, U+30AC)
 * ```
 *
 * Links that leave the site (`https:`, `mailto:`, `//host`) are left as written.
 */
export function remarkNfcLinks() {
  return (tree: Root) => {
    visit(tree, ['link', 'definition'], (node) => {
      const link = node as Link | Definition;
      if (link.url.startsWith('//') || /^[a-z][a-z\d+.-]*:/i.test(link.url)) return;
      const written = safeDecodeUri(link.url);
      const composed = written.normalize('NFC');
      if (composed !== written) link.url = composed;
    });
  };
}
