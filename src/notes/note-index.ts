import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { frontmatterData, splitFrontmatter, type SplitNote } from '../markdown/frontmatter.ts';
import { listNoteFiles, noteIdOf } from './note-sources.ts';
import { parseNote } from './note-text.ts';
import { toSlashPath } from '../utils/slash-path.ts';

/**
 * The name of the custom integration hook (`integrations/note-index.ts`) through which the notes
 * loader finds the build's index: Astro keeps an integration's hooks, its own and others, in the
 * config every loader is given.
 */
export const NOTE_INDEX_HOOK = 'study-notes:note-index';

/** Where the notes are: the project root, and the content folder relative to it (`content`). */
export interface NotesSource {
  root: string;
  contentDir: string;
}

export interface NoteIndexOptions extends NotesSource {
  /** Reads a note file as text; tests pass one that counts. */
  readText?: (path: string) => string;
}

/** One note file as read: its text, split once, and a hash of it that keys everything made from it. */
export interface IndexedNote extends SplitNote {
  /** Path relative to the content folder, with `/` (`notes/iam.md`). */
  entry: string;
  id: string;
  /** Path from the project root, as messages name it (`content/notes/iam.md`). */
  shown: string;
  text: string;
  hash: string;
}

/**
 * How long a listing of the note files is trusted while they can change (`astro dev`): an edit
 * shows on the next ask after this. Checking on every ask made a build of N notes do N² stats.
 */
const RECHECK_MS = 1000;

/**
 * The notes of one content folder, read once: their list, each file's text, its frontmatter split
 * and fields, and what is made from its parsed tree, each kept by path and content hash. `astro.config.mjs` makes one per build
 * and hands it to the notes loader, the glossary, the link previews and the render digest, so a
 * note file is read once whoever asks (`stats.reads` counts). In a build the files are fixed
 * (`filesAreFixed`); in `astro dev` a file is read again when its modification time or size changes.
 */
export class NoteIndex {
  readonly root: string;
  readonly contentDir: string;
  /** The content folder, absolute. */
  readonly dir: string;
  readonly stats = { reads: 0 };
  #readText: (path: string) => string;
  #fixed = false;
  #listing: { at: number; entries: string[]; ids: Map<string, string> } | undefined;
  #texts = new Map<string, { changed: string; text: string; hash: string }>();
  /** What is made from each note's content (its split, fields, summary), for its current content only. */
  #made = new Map<string, { hash: string; values: Map<string, unknown> }>();
  #derived = new Map<string, { version: string; value: unknown }>();
  /** The note files and their dates (`#version`), for the listing it was made from. */
  #version: { listing: unknown; key: string } | undefined;

  constructor({ root, contentDir, readText = (path) => readFileSync(path, 'utf8') }: NoteIndexOptions) {
    this.root = root;
    this.contentDir = contentDir;
    this.dir = resolve(root, contentDir);
    this.#readText = readText;
  }

  /** The note files will not change while this index lives (a build: Astro watches nothing). */
  filesAreFixed(): void {
    this.#fixed = true;
  }

  /** A note file (or the content folder) changed (`astro dev`'s watcher says so): list them again at once. */
  filesChanged(): void {
    this.#listing = undefined;
  }

  /** The note files, as sorted paths relative to the content folder (`note-sources.ts` decides which). */
  entries(): string[] {
    return this.#list().entries;
  }

  /** The entry of the note `id`, if there is one. */
  entryOf(id: string): string | undefined {
    return this.#list().ids.get(id);
  }

  /** The note a file is, if it is one: `…/content/notes/iam.md` or `content/notes/iam.md` → `iam`. */
  noteIdOfFile(path: string | undefined): string | undefined {
    if (!path) return undefined;
    const entry = this.#entryOfPath(path);
    if (entry.startsWith('..') || entry.startsWith('/')) return undefined;
    const id = noteIdOf(entry);
    // That note's own file, not another name that makes the same id.
    return this.entryOf(id) === entry ? id : undefined;
  }

  /** The text of the note file at `path` (absolute, or from the project root); undefined for a file that is no note. */
  sourceOfFile(path: string): string | undefined {
    const entry = this.#entryOfPath(path);
    return this.#list().entries.includes(entry) ? this.text(entry).text : undefined;
  }

  /** A note file's text and its hash, read once while the file is unchanged. */
  text(entry: string): { text: string; hash: string } {
    const path = join(this.dir, entry);
    const cached = this.#texts.get(entry);
    if (cached && this.#fixed) return cached;
    const changed = this.#fixed ? 'fixed' : fileVersion(path);
    if (cached?.changed === changed) return cached;
    this.stats.reads++;
    const text = this.#readText(path);
    const read = { changed, text, hash: createHash('sha256').update(text).digest('hex') };
    this.#texts.set(entry, read);
    return read;
  }

  /** A note file split into frontmatter and body (`frontmatter.ts`); fails on frontmatter never closed. */
  note(entry: string): IndexedNote {
    const { text, hash } = this.text(entry);
    return this.#memo(entry, hash, 'note', () => {
      const shown = toSlashPath(relative(this.root, join(this.dir, entry)));
      return { entry, id: noteIdOf(entry), shown, text, hash, ...splitFrontmatter(text, shown) };
    });
  }

  /** Something made from one note (its summary), kept while the note's content is the same. */
  derivedFrom<T>(note: IndexedNote, name: string, make: () => T): T {
    return this.#memo(note.entry, note.hash, name, make);
  }

  /** A note's frontmatter fields as written (`{}` without any), parsed once per content. */
  frontmatter(entry: string): Record<string, unknown> {
    const note = this.note(entry);
    return this.#memo(entry, note.hash, 'frontmatter', () => frontmatterData(note.yaml, note.shown));
  }

  /**
   * A note's body parsed through the plugins that shape the tree (`note-text.ts`). Trees are not
   * kept (at 10,000 notes they would hold the build's memory): what is made from one is (the
   * glossary, a note's summary, through `derived` and `derivedFrom`), and only the notes those need
   * are parsed.
   */
  async parsed(entry: string): Promise<{ tree: Root; file: VFile }> {
    const note = this.note(entry);
    const file = new VFile({ path: note.shown, value: note.body });
    return { tree: await parseNote(entry, file), file };
  }

  /**
   * Something made from all the notes (the glossary), made again only when a note file may have
   * changed: in `astro dev`, when a listing a second old shows other files or dates. A promise that
   * fails is not kept: each asker gets an error of its own (Astro prefixes the note it was compiling
   * to the message of the error it is given, so one shared error grew with every note that failed).
   */
  derived<T>(name: string, make: () => T): T {
    const version = this.#versionKey();
    const cached = this.#derived.get(name);
    if (cached?.version === version) return cached.value as T;
    const value = make();
    this.#derived.set(name, { version, value });
    if (value instanceof Promise)
      value.catch(() => {
        if (this.#derived.get(name)?.value === value) this.#derived.delete(name);
      });
    return value;
  }

  /** A path (absolute, or from the project root) relative to the content folder, with `/`. */
  #entryOfPath(path: string): string {
    return toSlashPath(relative(this.dir, resolve(this.root, path)));
  }

  /** `make()`'s value for this content of the note `entry`; what was made from its earlier content is dropped. */
  #memo<T>(entry: string, hash: string, name: string, make: () => T): T {
    let made = this.#made.get(entry);
    if (made?.hash !== hash) this.#made.set(entry, (made = { hash, values: new Map() }));
    if (!made.values.has(name)) made.values.set(name, make());
    return made.values.get(name) as T;
  }

  #list() {
    const listing = this.#listing;
    if (listing && (this.#fixed || performance.now() - listing.at < RECHECK_MS)) return listing;
    const entries = listNoteFiles(this.dir);
    // A long `astro dev` session keeps nothing of notes that are gone.
    const listed = new Set(entries);
    for (const cache of [this.#texts, this.#made])
      for (const entry of cache.keys()) if (!listed.has(entry)) cache.delete(entry);
    this.#listing = { at: performance.now(), entries, ids: new Map(entries.map((entry) => [noteIdOf(entry), entry])) };
    return this.#listing;
  }

  /** Which notes there are and when each last changed (a book's config.yaml included: it gives chapters their category). */
  #versionKey(): string {
    if (this.#fixed && this.#version) return this.#version.key;
    const listing = this.#list();
    if (this.#version?.listing === listing) return this.#version.key;
    const books = [...new Set(listing.entries.filter((e) => e.startsWith('books/')).map((e) => e.split('/')[1]!))];
    const files = [
      ...listing.entries,
      ...books.flatMap((book) => ['config.yaml', 'config.yml'].map((name) => `books/${book}/${name}`)),
    ];
    const key = files.map((file) => `${file}:${fileVersion(join(this.dir, file))}`).join('|');
    this.#version = { listing, key };
    return key;
  }
}

/**
 * When a file last changed, as far as `astro dev` can tell without reading it: its time and size
 * (an edit that keeps the time, as a tool that restores it does, rarely keeps the size too).
 */
function fileVersion(path: string): string {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats ? `${stats.mtimeMs}:${stats.size}` : 'missing';
}

/** The index over a content folder. */
export const createNoteIndex = (options: NoteIndexOptions): NoteIndex => new NoteIndex(options);
