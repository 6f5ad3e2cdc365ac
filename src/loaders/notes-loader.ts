import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { glob, type Loader } from 'astro/loaders';
import { ContentError } from '../integrations/content-error.ts';
import { mdxPitfalls } from './mdx-pitfalls.ts';
import { listNoteFiles, noteIdOf, notePatterns, readBook, sourceData } from './note-sources.ts';

/**
 * Astro's glob loader over the content folder's notes (`note-sources.ts`: `notes/`, zenn-cli's
 * `articles/` and `books/`), with the checks that make a note impossible to lose without a word:
 *
 * - no notes at all fails (a site with no notes is never what the author meant);
 * - two files that become the same note id fail, naming both (Astro would keep one and warn);
 * - frontmatter that is opened but never closed fails as such (Astro reads it as body text and
 *   then reports every field as missing);
 * - an `.mdx` note using what only Markdown has (`<https://…>`, `<!-- -->`) fails with the fix;
 * - a book's `config.yaml` is read and checked, and gives its chapters their category and order.
 *
 * `astro dev` runs the checks when it starts; later edits go through the glob loader's watcher.
 */
export function notesLoader(contentDir: string): Loader {
  let dir = '';
  const inner = glob({
    pattern: notePatterns,
    base: `./${contentDir}`,
    generateId: ({ entry }) => noteIdOf(entry),
  });
  return {
    name: 'notes-loader',
    load: async (context) => {
      dir = fileURLToPath(new URL(`${contentDir}/`, context.config.root));
      const entries = await listNotes(dir, contentDir);
      checkUniqueIds(entries, contentDir);
      await Promise.all(entries.map((entry) => checkSource(dir, entry, contentDir)));
      for (const book of new Set(entries.filter((e) => e.startsWith('books/')).map((e) => e.split('/')[1]!))) {
        readBook(dir, book);
      }
      await inner.load({
        ...context,
        // A chapter's frontmatter gets what its book gives it, before the schema checks it.
        parseData: (props) => {
          const entry = props.filePath ? relativeEntry(props.filePath) : undefined;
          return context.parseData(
            entry ? { ...props, data: sourceData(dir, entry, props.data) as typeof props.data } : props,
          );
        },
      });
    },
  };

  function relativeEntry(filePath: string): string | undefined {
    const path = filePath.split('\\').join('/');
    const base = dir.split('\\').join('/');
    return path.startsWith(base) ? path.slice(base.length) : undefined;
  }
}

async function listNotes(dir: string, contentDir: string): Promise<string[]> {
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
  const entries = listNoteFiles(dir);
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
      throw new ContentError(
        `${contentDir}/${entry}`,
        1,
        `this file and ${contentDir}/${first} both become the note "/notes/${id}/", so one of them would be lost`,
        'Rename one of them (note URLs ignore case, and spaces and most punctuation become "-").',
      );
    }
    seen.set(id, entry);
  }
}

async function checkSource(dir: string, entry: string, contentDir: string): Promise<void> {
  const text = (await readFile(`${dir}${entry}`, 'utf8')).replace(/^\uFEFF/, '');
  const shown = `${contentDir}/${entry}`;
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trimEnd() === '---' && !lines.slice(1).some((line) => line.trimEnd() === '---')) {
    throw new ContentError(
      shown,
      1,
      'the frontmatter opened by "---" on line 1 is never closed',
      'Add a line "---" after its last field, before the note\'s text.',
    );
  }
  if (entry.endsWith('.mdx')) {
    const pitfall = mdxPitfalls(text)[0];
    if (pitfall) throw new ContentError(shown, pitfall.line, pitfall.problem, pitfall.fix);
  }
}
