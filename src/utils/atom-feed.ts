/**
 * The site's Atom 1.0 feed (RFC 4287) of notes by last update, built as an object tree and
 * serialised by `fast-xml-builder` (fast-xml-parser's builder), which escapes every text and attribute
 * (`&`, `<`, `>`, quotes; so a title holding `]]>` stays well-formed):
 *
 * ```xml
 * <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">
 *   <id>https://site/</id><title type="text">AWSメモ</title><updated>2025-04-01T00:00:00.000Z</updated>
 *   <link rel="self" type="application/atom+xml" href="https://site/atom.xml"/>
 *   <entry><id>https://site/notes/iam/</id><title type="text">IAM</title>…</entry>
 * </feed>
 * ```
 *
 * Not the `feed` package: it writes every title and summary as `type="html"` CDATA, so a note
 * titled `a < b` or `<script>` would be markup to a feed reader; here they are `type="text"`.
 * Not `xast-util-to-xml`: it leaves `]]>` in text as is, which XML forbids.
 */
import XMLBuilder from 'fast-xml-builder';

export const ATOM_TYPE = 'application/atom+xml';
/** Feed readers want what changed lately; older notes stay on the site and in the sitemap. */
export const FEED_ENTRIES = 50;

export interface FeedEntry {
  title: string;
  /** Absolute URL of the note: its id and its link. */
  url: string;
  updated: Date;
  summary: string;
  category: string;
}

export interface Feed {
  title: string;
  subtitle: string;
  /** The site's home page, absolute: the feed's id and its alternate link. */
  home: string;
  /** The feed's own absolute URL. */
  self: string;
  author: string;
  entries: FeedEntry[];
}

/**
 * Text XML 1.0 can hold: control characters (but tab and line breaks), lone surrogates and
 * U+FFFE/U+FFFF are removed, since no escape makes them legal and a reader rejects the whole feed.
 */
const xmlText = (text: string) => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

/** The newest `FEED_ENTRIES` entries first (ties by title, so the feed is the same each build). */
export function feedEntries(entries: readonly FeedEntry[]): FeedEntry[] {
  return [...entries]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.title.localeCompare(b.title, 'ja'))
    .slice(0, FEED_ENTRIES);
}

/** An attribute value: XML turns tabs and line breaks in it into spaces anyway, so do it here. */
const xmlAttribute = (text: string) => xmlText(text).replace(/[\t\n\r]/g, ' ');

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true });

export function atomFeed(feed: Feed): string {
  const entries = feedEntries(feed.entries);
  const updated = entries[0]?.updated ?? new Date(0);
  const text = (value: string) => ({ '#text': xmlText(value), '@type': 'text' });
  const link = (rel: string, type: string, href: string) => ({
    '@rel': rel,
    '@type': type,
    '@href': xmlAttribute(href),
  });
  const xml = builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'utf-8' },
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': 'ja',
      id: xmlText(feed.home),
      title: text(feed.title),
      subtitle: text(feed.subtitle),
      updated: updated.toISOString(),
      link: [link('self', ATOM_TYPE, feed.self), link('alternate', 'text/html', feed.home)],
      author: { name: xmlText(feed.author) },
      entry: entries.map((item) => ({
        id: xmlText(item.url),
        title: text(item.title),
        updated: item.updated.toISOString(),
        link: link('alternate', 'text/html', item.url),
        summary: text(item.summary),
        category: { '@term': xmlAttribute(item.category) },
      })),
    },
  }) as string;
  return `${xml}\n`;
}
