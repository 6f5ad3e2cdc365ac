import { parseXml, XmlElement } from '@rgrove/parse-xml';

const ATOM = 'http://www.w3.org/2005/Atom';

interface AtomEntry {
  id: string;
  title: string;
  titleType: string | undefined;
  updated: string;
  links: Record<string, string>[];
  summary: string | undefined;
  categories: string[];
}
export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  authors: string[];
  links: Record<string, string>[];
  entries: AtomEntry[];
}

const elements = (parent: XmlElement, name: string) =>
  parent.children.filter((child): child is XmlElement => child instanceof XmlElement && child.name === name);

/** The one `name` child's text; fails when it is missing or repeated (RFC 4287 says exactly one). */
function one(parent: XmlElement, name: string): XmlElement {
  const found = elements(parent, name);
  if (found.length !== 1) throw new Error(`<${parent.name}> has ${found.length} <${name}>, Atom requires exactly one`);
  return found[0]!;
}

const isoDate = (text: string) => {
  // RFC 3339 date-time, as Atom requires.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new Error(`not an RFC 3339 date: ${text}`);
  }
  return text;
};

/**
 * Parses an Atom document with a strict XML parser (@rgrove/parse-xml: malformed XML throws) and
 * checks what RFC 4287 requires: feed id, title, updated, an author (or one in every entry); each
 * entry id, title, updated, and an alternate link (there is no content).
 */
export function readAtom(xml: string): AtomFeed {
  const root = parseXml(xml).root;
  if (!root || root.name !== 'feed' || root.attributes.xmlns !== ATOM) throw new Error('root is not an Atom <feed>');
  const entries = elements(root, 'entry').map((entry) => {
    const links = elements(entry, 'link').map((link) => link.attributes);
    if (!links.some((link) => (link.rel ?? 'alternate') === 'alternate'))
      throw new Error('entry without alternate link');
    const title = one(entry, 'title');
    return {
      id: one(entry, 'id').text,
      title: title.text,
      titleType: title.attributes.type,
      updated: isoDate(one(entry, 'updated').text),
      links,
      summary: elements(entry, 'summary')[0]?.text,
      categories: elements(entry, 'category').map((c) => c.attributes.term!),
    };
  });
  const authors = elements(root, 'author').map((author) => one(author, 'name').text);
  if (authors.length === 0) throw new Error('feed without <author>');
  return {
    id: one(root, 'id').text,
    title: one(root, 'title').text,
    updated: isoDate(one(root, 'updated').text),
    authors,
    links: elements(root, 'link').map((link) => link.attributes),
    entries,
  };
}
