import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { applyAnchors, locateTerms } from './definitions.ts';
import { loadGlossary, type GlossarySource } from './load.ts';
import { linkTerms, previewList } from './mentions.ts';
import type { GlossaryTerm } from './types.ts';

/**
 * The glossary in a note (docs/glossary.md):
 *
 * - the sections that define the note's `terms:` get their anchors;
 * - the first mention of each glossary term links to its definition, with the definition as a
 *   preview (CSS on hover and focus, `aria-describedby` for screen readers, no JavaScript);
 * - `[[用語]]` / `[[用語|表示]]` links a term explicitly; an unknown term fails with file and line.
 *
 * The glossary itself (all notes' terms and definitions) is built once per build by `loadGlossary`
 * from the notes folder `astro.config.mjs` passes in.
 */
export function remarkGlossaryTerms(source: GlossarySource) {
  return async (tree: Root, file: VFile) => {
    const glossary = await loadGlossary(source);
    const noteId = glossary.noteIdOf(file.path);
    const declarations = noteId ? glossary.notes.get(noteId)!.declarations : [];
    const located = locateTerms(tree, file, declarations);
    applyAnchors(located);
    const linked = linkTerms(tree, file, {
      matcher: glossary.matcher,
      noteId,
      located,
      unreadable: glossary.unreadable,
    });
    const previewed = [...new Set<GlossaryTerm>(linked.map(({ term }) => term))];
    if (previewed.length) tree.children.push(previewList(previewed));
  };
}
