import { readFile, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { glob, type Loader } from 'astro/loaders';
import { slug } from 'github-slugger';
import { ContentError } from '../integrations/content-error.ts';

export interface NotesLoaderOptions {
  /** The notes folder, relative to the project root (`content/notes`). */
  base: string;
  /** File extensions that are notes, with the dot. */
  extensions: readonly string[];
}

/**
 * A note's id (its URL is `/notes/<id>/`) from its path in the notes folder: each folder and the
 * file name slugged as GitHub slugs headings, as Astro's own glob loader does (`My Note.mdx` →
 * `my-note`, `aws/IAM.mdx` → `aws/iam`, `aws/index.mdx` → `aws`).
 */
export function noteIdOf(entry: string): string {
  const withoutExtension = entry.replace(/\.[^./]+$/, '');
  return withoutExtension
    .split('/')
    .map((segment) => slug(segment))
    .join('/')
    .replace(/(^|\/)index$/, '');
}

/**
 * Astro's glob loader, with the checks that make a note impossible to lose without a word:
 *
 * - a missing or empty notes folder fails (a site with no notes is never what the author meant);
 * - two files that become the same note id fail, naming both (Astro would keep one and warn);
 * - frontmatter that is opened but never closed fails as such (Astro reads it as body text and
 *   then reports every field as missing).
 *
 * `astro dev` runs the checks when it starts; later edits go through the glob loader's watcher.
 */
export function notesLoader(options: NotesLoaderOptions): Loader {
  const { base, extensions } = options;
  const inner = glob({
    pattern: extensions.map((extension) => `**/*${extension}`),
    base: `./${base}`,
    generateId: ({ entry }) => noteIdOf(entry),
  });
  return {
    name: 'notes-loader',
    load: async (context) => {
      const dir = fileURLToPath(new URL(`${base}/`, context.config.root));
      const entries = await listNotes(dir, base, extensions);
      checkUniqueIds(entries, base);
      await Promise.all(entries.map((entry) => checkFrontmatterClosed(dir, entry, base)));
      await inner.load(context);
    },
  };
}

/** The note files under `dir`, as paths relative to it with `/` (hidden files and folders left out, as glob does). */
async function listNotes(dir: string, base: string, extensions: readonly string[]): Promise<string[]> {
  const isDirectory = await stat(dir).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  const example = `${base}/my-note${extensions[0]}`;
  if (!isDirectory) {
    throw new Error(
      `There is no notes folder ${base}/: create it and add a note such as ${example} (see README, "Writing notes").`,
    );
  }
  const entries = (await readdir(dir, { recursive: true }))
    .map((entry) => entry.split('\\').join('/'))
    .filter((entry) => extensions.some((extension) => entry.endsWith(extension)))
    .filter((entry) => !entry.split('/').some((segment) => segment.startsWith('.')))
    .sort();
  if (entries.length === 0) {
    throw new Error(
      `The notes folder ${base}/ has no notes (${extensions.map((e) => `*${e}`).join(', ')}): add one such as ${example} (see README, "Writing notes"). A site without notes is not built.`,
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
