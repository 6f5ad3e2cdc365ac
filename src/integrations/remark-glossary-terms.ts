import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { NOTES_DIR } from '../consts.ts';
import { applyAnchors, linkTerms, locateTerms, previewList, type GlossaryTerm } from '../utils/glossary-core.ts';
import { loadGlossary } from '../utils/glossary.ts';

/**
 * The glossary in a note (docs/glossary.md):
 *
 * - the sections that define the note's `terms:` get their anchors;
 * - the first mention of each glossary term links to its definition, with the definition as a
 *   preview (CSS on hover and focus, `aria-describedby` for screen readers, no JavaScript);
 * - `[[用語]]` / `[[用語|表示]]` links a term explicitly; an unknown term fails with file and line.
 *
 * The glossary itself (all notes' terms and definitions) is built once per build by `loadGlossary`.
 */
export function remarkGlossaryTerms() {
  return async (tree: Root, file: VFile) => {
    const glossary = await loadGlossary(join(projectRootOf(file.path), NOTES_DIR));
    const noteId = glossary.noteIdOf(file.path);
    const declarations = noteId ? glossary.notes.get(noteId)!.declarations : [];
    const located = locateTerms(tree, file, declarations);
    applyAnchors(located);
    const linked = linkTerms(tree, file, {
      matcher: glossary.matcher,
      noteId,
      located,
      mutate: true,
      unreadable: glossary.unreadable,
    });
    if (noteId) glossary.recordLinks(noteId, tree, linked);
    const previewed = [...new Set<GlossaryTerm>(linked.map(({ term }) => term))];
    if (previewed.length) tree.children.push(previewList(previewed));
  };
}

const configNames = ['astro.config.mjs', 'astro.config.ts', 'astro.config.js', 'astro.config.mts'];
const roots = new Map<string, string>();

/** The Astro project a file belongs to (nearest folder with an astro.config), so `--root` builds read their own notes. */
function projectRootOf(path: string | undefined): string {
  const start = path ? dirname(resolve(path)) : process.cwd();
  let root = roots.get(start);
  if (!root) {
    root = process.cwd();
    for (let dir = start; ; dir = dirname(dir)) {
      if (configNames.some((name) => existsSync(join(dir, name)))) {
        root = dir;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    roots.set(start, root);
  }
  return root;
}
