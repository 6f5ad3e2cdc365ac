import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DataStore } from 'astro/loaders';
import { recordedOf } from '../markdown/recorded.ts';
import { loadGlossary } from './glossary.ts';
import type { NoteIndex } from './note-index.ts';
import { previewText } from './note-summaries.ts';
import { toSlashPath } from '../utils/slash-path.ts';

/**
 * Astro keeps every rendered `.md` note between builds (its data store, in `node_modules/.astro/`,
 * which CI keeps as a cache) and renders again only a note whose file changed. But a note's HTML
 * depends on more than its own file, and a kept render must be exactly what a first build makes:
 *
 * - the code that renders it: `src/`, `astro.config.mjs`, the installed packages
 *   (`package-lock.json`, and `patches/`, which `npm install` applies to them);
 * - the glossary: every note's terms and definitions (a mention links to them);
 * - the content folder's other files: a book's `config.yaml` (its chapters' category and order),
 *   the images a note shows;
 * - the notes it links to: a link previews the linked section's first lines.
 *
 * The first three are few and rarely change, so they go into every note's digest
 * (`renderInputs`): a change to any of them renders every note again. Previews are per note: each
 * render records the previews it showed, and a kept render whose previews now read differently
 * is dropped (`dropStaleRenders`), so editing one note renders it and the notes that link to it.
 *
 * `astro dev` renders an edited note with the inputs it started with: its other notes' term
 * links and previews catch up on its next start (a build checks them all).
 * MDX notes are compiled by every build anyway.
 */

/** A digest of everything but the note's own file that its HTML depends on (see above). */
export async function renderInputs(source: NoteIndex): Promise<string> {
  const hash = createHash('sha256');
  const add = (label: string, data: string | Buffer) => hash.update(`${label}\0${data.length}\0`).update(data);
  // `patches/`: what `npm install` changes in the installed packages (patch-package).
  for (const file of [...filesUnder(source.root, 'src'), ...filesUnder(source.root, 'patches')])
    add(file, readFileSync(join(source.root, file)));
  for (const file of ['astro.config.mjs', 'package-lock.json']) add(file, readOrEmpty(join(source.root, file)));

  const notes = new Set(source.entries());
  for (const file of filesUnder(source.dir, '.').filter((file) => !notes.has(file)))
    add(`content:${file}`, readFileSync(join(source.dir, file)));

  const glossary = await loadGlossary(source);
  add(
    'glossary',
    JSON.stringify(glossary.terms.map(({ declaredAt: _place, ...term }) => term)) + JSON.stringify(glossary.unreadable),
  );
  return hash.digest('hex');
}

/**
 * Removes from `store` each kept note that must be rendered again: a `.md` note whose render
 * failed (the glob loader keeps it, with no HTML, and would not try again while its file is
 * unchanged: an error seen once in `astro dev` would then build an empty page), a note whose page
 * shows a problem in place (each build lists its warnings again, and strict mode must see them),
 * and a note whose links would now preview other text (a linked note's title or section changed,
 * or it is gone).
 */
export async function dropStaleRenders(store: DataStore, source: NoteIndex): Promise<void> {
  for (const [id, entry] of store.entries()) {
    if (entry.filePath?.endsWith('.md') && !entry.rendered) {
      store.delete(id);
      continue;
    }
    let recorded: ReturnType<typeof recordedOf>;
    try {
      recorded = recordedOf(entry.rendered?.metadata?.frontmatter);
    } catch {
      store.delete(id); // recorded in another shape, by other code: rendered again
      continue;
    }
    if (recorded.contentWarnings) {
      store.delete(id);
      continue;
    }
    if (!recorded.notePreviews) continue;
    for (const [key, shown] of Object.entries(recorded.notePreviews)) {
      if (((await previewText(source, key)) ?? null) === shown) continue;
      store.delete(id);
      break;
    }
  }
}

/** Every file under `dir` (relative to `base`), sorted, as `/` paths relative to `base`; none if it is missing. */
function filesUnder(base: string, dir: string): string[] {
  try {
    return readdirSync(join(base, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => toSlashPath(relative(base, join(entry.parentPath, entry.name))))
      .filter((file) => !file.split('/').includes('.git'))
      .sort();
  } catch {
    return [];
  }
}

function readOrEmpty(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch {
    return '';
  }
}
