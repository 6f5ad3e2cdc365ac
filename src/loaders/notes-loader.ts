import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { glob, type Loader } from 'astro/loaders';
import { ContentError } from '../integrations/content-error.ts';
import { listNoteFiles, noteExtensions, noteIdOf } from './note-files.ts';

/**
 * Astro's glob loader over the notes folder (`base`, relative to the project root), with the
 * checks that make a note impossible to lose without a word:
 *
 * - a missing or empty notes folder fails (a site with no notes is never what the author meant);
 * - two files that become the same note id fail, naming both (Astro would keep one and warn);
 * - frontmatter that is opened but never closed fails as such (Astro reads it as body text and
 *   then reports every field as missing).
 *
 * `astro dev` runs the checks when it starts; later edits go through the glob loader's watcher.
 */
export function notesLoader(base: string): Loader {
  const inner = glob({
    pattern: noteExtensions.map((extension) => `**/*${extension}`),
    base: `./${base}`,
    generateId: ({ entry }) => noteIdOf(entry),
  });
  return {
    name: 'notes-loader',
    load: async (context) => {
      const dir = fileURLToPath(new URL(`${base}/`, context.config.root));
      const entries = await listNotes(dir, base);
      checkUniqueIds(entries, base);
      await Promise.all(entries.map((entry) => checkFrontmatterClosed(dir, entry, base)));
      await inner.load(context);
    },
  };
}

async function listNotes(dir: string, base: string): Promise<string[]> {
  const example = `${base}/my-note${noteExtensions[0]}`;
  const isDirectory = await stat(dir).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDirectory) {
    throw new Error(
      `There is no notes folder ${base}/: create it and add a note such as ${example} (see README, "Writing notes").`,
    );
  }
  const entries = listNoteFiles(dir);
  if (entries.length === 0) {
    throw new Error(
      `The notes folder ${base}/ has no notes (${noteExtensions.map((e) => `*${e}`).join(', ')}): add one such as ${example} (see README, "Writing notes"). A site without notes is not built.`,
    );
  }
  return entries;
}

function checkUniqueIds(entries: readonly string[], base: string): void {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const id = noteIdOf(entry);
    const first = seen.get(id);
    if (first !== undefined) {
      throw new ContentError(
        `${base}/${entry}`,
        1,
        `this file and ${base}/${first} both become the note "/notes/${id}/", so one of them would be lost`,
        'Rename one of them (note URLs ignore case, and spaces and most punctuation become "-").',
      );
    }
    seen.set(id, entry);
  }
}

async function checkFrontmatterClosed(dir: string, entry: string, base: string): Promise<void> {
  const lines = (await readFile(`${dir}${entry}`, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return;
  if (lines.slice(1).some((line) => line.trimEnd() === '---')) return;
  throw new ContentError(
    `${base}/${entry}`,
    1,
    'the frontmatter opened by "---" on line 1 is never closed',
    'Add a line "---" after its last field, before the note\'s text.',
  );
}
