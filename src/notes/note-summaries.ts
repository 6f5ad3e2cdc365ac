import type { Heading, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { oneLine } from '../utils/one-line.ts';
import { headingIds } from '../markdown/remark-zenn-heading-ids.ts';
import type { NoteIndex } from './note-index.ts';
import { sourceData } from './note-sources.ts';

/** What a link to a note previews: the note's title, and each section's title and first lines. */
interface NoteSummary {
  title: string;
  /** The description, or the first paragraph. */
  excerpt: string;
  /** By heading id (the ids the site gives headings). */
  sections: Map<string, { title: string; excerpt: string }>;
}

/** A preview is a glance: the first lines, cut after this many characters. */
const EXCERPT_LENGTH = 90;

const shorten = (text: string) => {
  const folded = oneLine(text);
  if (folded.length <= EXCERPT_LENGTH) return folded;
  const cut = folded.slice(0, EXCERPT_LENGTH);
  const sentence = cut.lastIndexOf('。');
  return sentence >= 30 ? cut.slice(0, sentence + 1) : `${cut}…`;
};

/**
 * The summary of the note `id`, made the first time a link to it is previewed and kept while its
 * file is unchanged: only the notes other notes link to are parsed, once each. A draft has none: a
 * link to it must never carry its text into a published page, not even in the output of the build
 * that then fails on that link (the draft's page is not built, so the link is dead).
 */
function noteSummary(notes: NoteIndex, id: string): Promise<NoteSummary | undefined> {
  const entry = notes.entryOf(id);
  if (!entry) return Promise.resolve(undefined);
  let note;
  try {
    note = notes.note(entry);
  } catch {
    return Promise.resolve(undefined); // a broken note reports itself when it compiles
  }
  return notes.derivedFrom(note, 'summary', () => summarise(notes, entry).catch(() => undefined));
}

async function summarise(notes: NoteIndex, entry: string): Promise<NoteSummary | undefined> {
  // A book's chapter is a draft when its book is (sourceData): Zenn's rules, as the loader applies them.
  const frontmatter = sourceData(notes.dir, entry, notes.frontmatter(entry)) as {
    title?: unknown;
    description?: unknown;
    published?: unknown;
  };
  if (frontmatter.published === false) return undefined;
  const { tree } = await notes.parsed(entry);
  const ids = headingIds(tree);
  const sections = new Map<string, { title: string; excerpt: string }>();
  for (const [heading, id] of ids)
    sections.set(id, { title: oneLine(toString(heading)), excerpt: sectionExcerpt(tree, heading) });
  const firstParagraph = tree.children.find((node) => node.type === 'paragraph');
  return {
    title: typeof frontmatter.title === 'string' ? frontmatter.title.trim() : entry,
    excerpt:
      typeof frontmatter.description === 'string'
        ? shorten(frontmatter.description)
        : shorten(firstParagraph ? toString(firstParagraph) : ''),
    sections,
  };
}

/**
 * What a link to `id#fragment` previews: the section's title and first lines, or the note's
 * excerpt when the fragment names no section, followed by the note's title.
 */
export async function previewText(notes: NoteIndex, key: string): Promise<string | undefined> {
  const hash = key.indexOf('#');
  const [id, fragment] = [key.slice(0, hash), key.slice(hash + 1)];
  const summary = await noteSummary(notes, id);
  if (!summary) return undefined;
  const section = fragment ? summary.sections.get(fragment) : undefined;
  return section
    ? `${section.title}：${section.excerpt}（${summary.title}）`
    : `${summary.excerpt}（${summary.title}）`;
}

/** The first paragraph after a heading, within its section (before the next heading). */
function sectionExcerpt(tree: Root, heading: Heading): string {
  let found = false;
  let text = '';
  const walk = (node: Nodes): boolean => {
    if (node === heading) {
      found = true;
      return false;
    }
    if (found && node.type === 'heading') return true;
    if (found && node.type === 'paragraph') {
      text = toString(node);
      return true;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) if (walk(child)) return true;
    return false;
  };
  walk(tree);
  return shorten(text);
}
