import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroConfig } from 'astro';
import { glob, type Loader } from 'astro/loaders';
import { ContentError } from '../markdown/content-error.ts';
import { mdxPitfalls } from './mdx-pitfalls.ts';
import { createNoteIndex, NOTE_INDEX_HOOK, type NoteIndex } from './note-index.ts';
import { noteLimitProblem } from './note-limits.ts';
import { ignoredBookFiles, noteIdOf, notePatterns, readBook, sourceData } from './note-sources.ts';
import { dropStaleRenders, renderInputs } from './render-cache.ts';
import { toSlashPath } from '../utils/slash-path.ts';

/**
 * Astro's glob loader over the content folder's notes (`note-sources.ts`: `notes/`, zenn-cli's
 * `articles/` and `books/`), with the checks that make a note impossible to lose without a word:
 *
 * - no notes at all fails (a site with no notes is never what the author meant);
 * - two files that become the same note id fail, naming both (Astro would keep one and warn),
 *   also when their names differ only by Unicode normalisation (NFC and NFD, `note-sources.ts`);
 * - frontmatter that is opened but never closed fails as such (Astro reads it as body text and
 *   then reports every field as missing);
 * - a note too big or nested too deep for the Markdown parser fails at once (`note-limits.ts`),
 *   not after minutes;
 * - an `.mdx` note using what only Markdown has (`<https://…>`, `<!-- -->`) fails with the fix;
 * - a book's `config.yaml` is read and checked, and gives its chapters their category and order;
 *   the files Zenn would leave out of the book are not read at all;
 * - a `.md` note that fails to render (a bad Zenn block or embed, a missing image, …) fails the
 *   build. The glob loader renders `.md` notes itself, only logs such an error and keeps the note
 *   with an empty body, and its line numbers count from the end of the frontmatter: the error is
 *   rethrown with the file's own line numbers.
 *
 * A `.md` note rendered by an earlier build (Astro keeps them in `node_modules/.astro/`) is kept
 * only while everything its HTML depends on is unchanged (`render-cache.ts`).
 *
 * `astro dev` runs the checks when it starts; later edits go through the glob loader's watcher.
 * The notes are read through the build's note index (`note-index.ts`), which `astro.config.mjs`
 * hands over through the config (`integrations/note-index.ts`).
 */
export function notesLoader(contentDir: string): Loader {
  let dir = '';
  return {
    name: 'notes-loader',
    load: async (context) => {
      dir = fileURLToPath(new URL(`${contentDir}/`, context.config.root));
      const notes = noteIndexOf(context.config, contentDir);
      // Astro watches the files only in `astro dev`: otherwise nothing can change them meanwhile.
      if (!context.watcher) notes.filesAreFixed();
      const entries = await listNotes(dir, contentDir, notes);
      checkUniqueIds(entries, contentDir);
      const frontmatterLines = new Map(entries.map((entry) => [`${dir}${entry}`, checkSource(notes, entry)] as const));
      for (const book of new Set(entries.filter((e) => e.startsWith('books/')).map((e) => e.split('/')[1]!))) {
        readBook(dir, book);
      }
      // An error here (a duplicate term, a bad field) is reported again by the build at its own
      // place: this build then keeps no earlier render.
      const inputs = await renderInputs(notes).catch((error: unknown) => {
        context.logger.warn(`every note is rendered again: ${(error as Error)?.message ?? String(error)}`);
        return randomUUID();
      });
      await dropStaleRenders(context.store, notes);
      // A book's files that Zenn leaves out are no notes: the glob must not read, check or render them.
      const inner = glob({
        pattern: [...notePatterns, ...ignoredBookFiles(dir).map((entry) => `!${literalGlob(entry)}`)],
        base: `./${contentDir}`,
        generateId: ({ entry }) => noteIdOf(entry),
      });
      const errors: string[] = [];
      await inner.load({
        ...context,
        generateDigest: (data) => context.generateDigest(typeof data === 'string' ? `${inputs}\0${data}` : data),
        logger: new Proxy(context.logger, {
          get: (target, name, receiver) => {
            if (name === 'error') return (message: string) => (errors.push(message), target.error(message));
            const value = Reflect.get(target, name, receiver) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
        // A chapter's frontmatter gets what its book gives it, before the schema checks it.
        parseData: (props) => {
          const entry = props.filePath ? relativeEntry(props.filePath) : undefined;
          return context.parseData(
            entry ? { ...props, data: sourceData(dir, entry, props.data) as typeof props.data } : props,
          );
        },
      });
      if (errors.length > 0) throw new Error(errors.map((error) => withFileLines(error, frontmatterLines)).join('\n'));
    },
  };

  function relativeEntry(filePath: string): string | undefined {
    const path = toSlashPath(filePath);
    const base = toSlashPath(dir);
    return path.startsWith(base) ? path.slice(base.length) : undefined;
  }
}

/** A path as a glob that matches only it: `books/b/3.c++.md` → `books/b/3.c\+\+.md`. */
const literalGlob = (path: string) => path.replace(/[\\()[\]{}*?|!+@]/g, '\\$&');

/**
 * The build's note index, from the integration that carries it (`NOTE_INDEX_HOOK`); a loader run
 * without it (a test) makes its own.
 */
function noteIndexOf(config: AstroConfig, contentDir: string): NoteIndex {
  for (const integration of config.integrations) {
    const hook = integration.hooks[NOTE_INDEX_HOOK];
    if (typeof hook === 'function') return (hook as () => NoteIndex)();
  }
  return createNoteIndex({ root: fileURLToPath(config.root), contentDir });
}

async function listNotes(dir: string, contentDir: string, notes: NoteIndex): Promise<string[]> {
  const isDirectory = await stat(dir).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  const examples = `${contentDir}/notes/my-note.md, or zenn-cli's ${contentDir}/articles/ and ${contentDir}/books/`;
  if (!isDirectory) {
    throw new Error(
      `There is no content folder ${contentDir}/: create it with your notes (${examples}; see README, "Writing notes").`,
    );
  }
  const entries = notes.entries();
  if (entries.length === 0) {
    throw new Error(
      `${contentDir}/ has no notes: add one such as ${examples} (see README, "Writing notes"). A site without notes is not built.`,
    );
  }
  return entries;
}

function checkUniqueIds(entries: readonly string[], contentDir: string): void {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const id = noteIdOf(entry);
    const first = seen.get(id);
    if (first !== undefined) {
      // Two names that print alike: one written composed (NFC), one decomposed (NFD, as macOS writes).
      const lookAlike = first.normalize('NFC') === entry.normalize('NFC');
      throw new ContentError(
        `${contentDir}/${entry}`,
        1,
        `this file and ${contentDir}/${first} both become the note "/notes/${id}/", so one of them would be lost` +
          (lookAlike ? ' (their names differ only in how their Unicode characters are composed: NFC and NFD)' : ''),
        lookAlike
          ? 'Keep one of them: merge the two notes and delete the other file.'
          : 'Rename one of them (note URLs ignore case, and spaces and most punctuation become "-").',
      );
    }
    seen.set(id, entry);
  }
}

/** Checks a note's source; returns how many lines its frontmatter takes (0 without one). */
function checkSource(notes: NoteIndex, entry: string): number {
  const { text, body, frontmatterLines, shown } = notes.note(entry);
  const tooBig = noteLimitProblem(text);
  if (tooBig) throw new ContentError(shown, tooBig.line, tooBig.problem, tooBig.fix);
  if (entry.endsWith('.mdx')) {
    const pitfall = mdxPitfalls(body)[0];
    if (pitfall) throw new ContentError(shown, pitfall.line, pitfall.problem, pitfall.fix);
  }
  return frontmatterLines;
}

/** `/…/notes/a.md:3: …` counted from the end of the frontmatter → the same place counted from the top of the file. */
function withFileLines(message: string, frontmatterLines: ReadonlyMap<string, number>): string {
  return message.replace(/(\/\S+?\.md):(\d+)(?=[:\s])/g, (whole, path: string, line: string) => {
    const offset = frontmatterLines.get(path);
    return offset === undefined ? whole : `${path}:${Number(line) + offset}`;
  });
}
