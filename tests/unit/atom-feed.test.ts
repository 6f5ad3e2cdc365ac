/** The Atom feed builder: valid Atom whatever the titles, newest first, absolute URLs kept. */
import { describe, expect, test } from 'vitest';
import { atomFeed, FEED_ENTRIES, feedEntries, type FeedEntry } from '../../src/utils/atom-feed.ts';
import { readAtom } from '../support/atom.ts';

const entry = (title: string, day: number, extra: Partial<FeedEntry> = {}): FeedEntry => ({
  title,
  url: `https://notes.example.org/notes/${day}/`,
  updated: new Date(Date.UTC(2025, 0, day)),
  summary: `${title} の説明。`,
  category: 'ネットワーク',
  ...extra,
});
const feed = (entries: FeedEntry[]) =>
  atomFeed({
    title: 'AWSメモ',
    subtitle: '学習ノート',
    home: 'https://notes.example.org/',
    self: 'https://notes.example.org/atom.xml',
    author: 'AWSメモ',
    entries,
  });

describe('atomFeed', () => {
  test('the feed and each entry have what Atom requires; the feed is as new as its newest entry', () => {
    const parsed = readAtom(feed([entry('IAM', 3), entry('VPC', 5)]));
    expect(parsed).toMatchObject({
      id: 'https://notes.example.org/',
      title: 'AWSメモ',
      updated: '2025-01-05T00:00:00.000Z',
      authors: ['AWSメモ'],
    });
    expect(parsed.links).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: 'https://notes.example.org/atom.xml' },
      { rel: 'alternate', type: 'text/html', href: 'https://notes.example.org/' },
    ]);
    expect(parsed.entries.map((e) => [e.title, e.id, e.updated])).toEqual([
      ['VPC', 'https://notes.example.org/notes/5/', '2025-01-05T00:00:00.000Z'],
      ['IAM', 'https://notes.example.org/notes/3/', '2025-01-03T00:00:00.000Z'],
    ]);
    expect(parsed.entries[0]).toMatchObject({
      titleType: 'text',
      summary: 'VPC の説明。',
      categories: ['ネットワーク'],
      links: [{ rel: 'alternate', type: 'text/html', href: 'https://notes.example.org/notes/5/' }],
    });
  });

  test.each<[name: string, title: string, readBack: string]>([
    ['markup', '<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['ampersand and entities', 'A & B &amp; &lt;', 'A & B &amp; &lt;'],
    ['quotes and apostrophes', `"IAM" と 'STS'`, `"IAM" と 'STS'`],
    ['a CDATA end', 'x ]]> y', 'x ]]> y'],
    ['an XML declaration', '<?xml version="1.0"?>', '<?xml version="1.0"?>'],
    ['a comment', '<!-- x -->', '<!-- x -->'],
    ['control characters (illegal in XML) removed', 'a\u0000b\u0001c\u001Fd\u007F', 'abcd\u007F'],
    ['a lone surrogate removed', 'a\uD800b', 'ab'],
    ['U+FFFE removed', 'a\uFFFEb', 'ab'],
    ['emoji and Japanese kept', '認証 🔐 ＩＡＭ', '認証 🔐 ＩＡＭ'],
  ])('hostile title, %s: still valid XML, read back as plain text', (_name, title, readBack) => {
    const parsed = readAtom(feed([entry(title, 1, { summary: title, category: title })]));
    expect(parsed.entries[0]!.title).toBe(readBack);
    expect(parsed.entries[0]!.titleType).toBe('text');
    expect(parsed.entries[0]!.summary).toBe(readBack);
    expect(parsed.entries[0]!.categories).toEqual([readBack]);
  });

  test('tabs and line breaks: kept in text, spaces in attributes (as XML would read them anyway)', () => {
    const parsed = readAtom(feed([entry('a\tb\nc', 1, { category: 'x\ty\nz' })]));
    expect(parsed.entries[0]!.title).toBe('a\tb\nc');
    expect(parsed.entries[0]!.categories).toEqual(['x y z']);
  });

  test('a URL with & and a Japanese fragment stays one attribute', () => {
    const url = 'https://notes.example.org/notes/iam/?a=1&b="2"#%E3%82%A2';
    const parsed = readAtom(feed([entry('IAM', 1, { url })]));
    expect(parsed.entries[0]!.id).toBe(url);
    expect(parsed.entries[0]!.links[0]!.href).toBe(url);
  });

  test('no notes: still a valid feed', () => {
    expect(readAtom(feed([])).entries).toEqual([]);
  });
});

describe('feedEntries', () => {
  test(`the newest ${FEED_ENTRIES} only, newest first; ties in Japanese title order`, () => {
    const many = Array.from({ length: FEED_ENTRIES + 10 }, (_, i) => entry(`note ${i}`, i + 1));
    const kept = feedEntries(many);
    expect(kept).toHaveLength(FEED_ENTRIES);
    expect(kept[0]!.title).toBe(`note ${FEED_ENTRIES + 9}`);
    expect(kept.at(-1)!.title).toBe('note 10');
    expect(feedEntries([entry('ネットワーク', 1), entry('アクセス', 1)]).map((e) => e.title)).toEqual([
      'アクセス',
      'ネットワーク',
    ]);
  });
});
