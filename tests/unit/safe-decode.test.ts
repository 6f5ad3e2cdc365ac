/**
 * Percent-decoding that never throws (src/utils/safe-decode.ts): what a link checker, a link card
 * or a note preview shows for a URL an author wrote, hostile or mistyped ones included.
 */
import { describe, expect, test } from 'vitest';
import { safeDecodeUri, safeDecodeUriComponent } from '../../src/utils/safe-decode.ts';

/** Not valid percent-encoding: each comes back exactly as written, from both functions. */
const malformed: [name: string, text: string][] = [
  ['a lone % (a heading "100%")', '100%'],
  ['a % without two hex digits', '%zz'],
  ['a cut UTF-8 sequence', '/notes/%E3%81'],
  ['a good escape then a lone % (all or nothing)', '/notes/%E3%82%AC%'],
  ['an overlong "/" (%C0%AF)', '/notes/%C0%AF..%C0%AFetc'],
  ['an overlong three-byte "/" (%E0%80%AF)', '%E0%80%AF'],
  ['a UTF-16 surrogate (%ED%A0%80)', '%ED%A0%80'],
  ['a code point above U+10FFFF', '%F4%90%80%80'],
];

describe('safeDecodeUri: a whole URL made readable, its parts kept', () => {
  test.each<[name: string, text: string, decoded: string]>([
    ['Japanese path', '/notes/%E3%82%AC%E3%82%A4%E3%83%89/', '/notes/ガイド/'],
    ['an encoded slash stays encoded', '/notes/a%2Fb/', '/notes/a%2Fb/'],
    ['an encoded # and ? stay encoded', '/notes/a%23b%3Fc', '/notes/a%23b%3Fc'],
    ['an encoded % is decoded', '/notes/100%25/', '/notes/100%/'],
    ['%00 becomes NUL', '/a%00b', '/a\0b'],
    ['a plus is not a space', '/q?a+b', '/q?a+b'],
    ['nothing encoded', 'https://example.com/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['empty', '', ''],
  ])('%s', (_name, text, decoded) => {
    expect(safeDecodeUri(text)).toBe(decoded);
  });

  test.each(malformed)('%s: as written', (_name, text) => {
    expect(safeDecodeUri(text)).toBe(text);
  });
});

describe('safeDecodeUriComponent: one part of a URL, every escape decoded', () => {
  test.each<[name: string, text: string, decoded: string]>([
    ['a heading id', '%E3%83%9D%E3%83%AA%E3%82%B7%E3%83%BC', 'ポリシー'],
    ['an encoded slash is decoded', 'src%2Findex.ts', 'src/index.ts'],
    ['an encoded # and ? are decoded', 'a%23b%3Fc', 'a#b?c'],
    ['%00 becomes NUL', 'a%00b', 'a\0b'],
    ['a plus is not a space', 'a+b', 'a+b'],
    ['empty', '', ''],
  ])('%s', (_name, text, decoded) => {
    expect(safeDecodeUriComponent(text)).toBe(decoded);
  });

  test.each(malformed)('%s: as written', (_name, text) => {
    expect(safeDecodeUriComponent(text)).toBe(text);
  });
});
