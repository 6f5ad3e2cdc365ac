import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Heading, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { fold } from '../glossary/definitions.ts';
import { headingIds } from '../markdown/remark-zenn-heading-ids.ts';
import { listNoteFiles, noteFilesMayHaveChanged, noteIdOf, sourceData } from '../loaders/note-sources.ts';
import { parseNote, splitFrontmatter } from '../loaders/note-text.ts';

/** Where the notes are: the project root, and the content folder relative to it. */
export interface NotesSource {
  root: string;
  contentDir: string;
}

/** What a link to a note previews: the note's title, and each section's title and first lines. */
export interface NoteSummary {
  title: string;
  /** The description, or the first paragraph. */
  excerpt: string;
  /** By heading id (the ids the site gives headings). */
  sections: Map<string, { title: string; excerpt: string }>;
}

/** A preview is a glance: the first lines, cut after this many characters. */
const EXCERPT_LENGTH = 90;

const shorten = (text: string) => {
  const folded = fold(text);
  if (folded.length <= EXCERPT_LENGTH) return folded;
  const cut = folded.slice(0, EXCERPT_LENGTH);
  const sentence = cut.lastIndexOf('。');
  return sentence >= 30 ? cut.slice(0, sentence + 1) : `${cut}…`;
};

type Cached = { mtimeMs: number; summary: Promise<NoteSummary | undefined> };
/** On `globalThis`, so every bundled copy of this module shares it (as the glossary's cache does). */
const shared = globalThis as typeof globalThis & {
  __studyNotesSummaries?: Map<string, Cached>;
  __studyNotesIds?: Map<string, { at: number; ids: Map<string, string> }>;
};

function entriesById(dir: string): Map<string, string> {
  const lists = (shared.__studyNotesIds ??= new Map());
  const cached = lists.get(dir);
  if (cached && !noteFilesMayHaveChanged(cached.at)) return cached.ids;
  const ids = new Map(listNoteFiles(dir).map((entry) => [noteIdOf(entry), entry]));
  lists.set(dir, { at: performance.now(), ids });
  return ids;
}

/**
 * The summary of the note `id`, parsed the first time a link to it is previewed and kept while
 * its file is unchanged: only the notes other notes link to are read, once each. A draft has
 * none: a link to it must never carry its text into a published page, not even in the output of
 * the build that then fails on that link (the draft's page is not built, so the link is dead).
 */
export function noteSummary(source: NotesSource, id: string): Promise<NoteSummary | undefined> {
  const dir = resolve(source.root, source.contentDir);
  const entry = entriesById(dir).get(id);
  if (!entry) return Promise.resolve(undefined);
  const path = join(dir, entry);
  const mtimeMs = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const summaries = (shared.__studyNotesSummaries ??= new Map());
  const cached = summaries.get(path);
  if (cached?.mtimeMs === mtimeMs) return cached.summary;
  const summary = summarise(dir, path, entry).catch(() => undefined); // a broken note reports itself when it compiles
  summaries.set(path, { mtimeMs, summary });
  return summary;
}

async function summarise(dir: string, path: string, entry: string): Promise<NoteSummary | undefined> {
  const { data, body } = splitFrontmatter(readFileSync(path, 'utf8'), entry);
  // A book's chapter is a draft when its book is (sourceData): Zenn's rules, as the loader applies them.
  const frontmatter = sourceData(dir, entry, data as Record<string, unknown>) as {
    title?: unknown;
    description?: unknown;
    published?: unknown;
  };
  if (frontmatter.published === false) return undefined;
  const file = new VFile({ path: entry, value: body });
  const tree = await parseNote(entry, file);
  const ids = headingIds(tree);
  const sections = new Map<string, { title: string; excerpt: string }>();
  for (const [heading, id] of ids)
    sections.set(id, { title: fold(toString(heading)), excerpt: sectionExcerpt(tree, heading) });
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
