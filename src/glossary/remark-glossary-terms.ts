import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { applyAnchors, locateTerms } from './definitions.ts';
import { linkTerms, previewList, type TermMatcher } from './mentions.ts';
import type { GlossaryTerm, TermDeclaration } from './types.ts';

/** What the plugin needs of the glossary of all notes (`notes/glossary.ts` builds it). */
export interface NoteGlossary {
  matcher: TermMatcher;
  /** Notes that declare terms but could not be parsed, as `file:line:column: problem`. */
  unreadable: readonly string[];
  /** The terms a file's note declares, with their frontmatter lines; none for a file that is no note. */
  declarationsOf(path: string | undefined): {
    noteId?: string;
    declarations: { declaration: TermDeclaration; line: number }[];
  };
}

/**
 * The glossary in a note (docs/glossary.md):
 *
 * - the sections that define the note's `terms:` get their anchors;
 * - the first mention of each glossary term links to its definition, with the definition as a
 *   preview (CSS on hover and focus, `aria-describedby` for screen readers, no JavaScript);
 * - `[[用語]]` / `[[用語|表示]]` links a term explicitly; an unknown term fails with file and line.
 *
 * The glossary itself (all notes' terms and definitions) is built once per build from the note
 * index (`notes/glossary.ts`); the pipeline hands this plugin a way to get it.
 */
export function remarkGlossaryTerms(options: { glossary: () => Promise<NoteGlossary> }) {
  return async (tree: Root, file: VFile) => {
    const glossary = await options.glossary();
    const { noteId, declarations } = glossary.declarationsOf(file.path);
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
