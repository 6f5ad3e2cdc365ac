import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { noteIdOfPath } from '../site-config.ts';

/** What the Markdown pass records about a note, read by pages as `render(note).remarkPluginFrontmatter`. */
export interface RecordedNoteData {
  /** Ids of the notes this note's text links to (plain links and glossary term links), sorted. */
  noteLinks: string[];
}

/**
 * Records which notes a note links to, for the "このノートへのリンク" (backlinks) list. This is the
 * one place backlinks come from: the Markdown pass writes each note's outgoing links here (after
 * the glossary has made its term links), and the note-page model (`utils/note-pages.ts`) reads
 * them for every note and inverts them. Nothing flows the other way.
 *
 * ```md
 * [IAM](/notes/iam/) と [[STS]]   →   remarkPluginFrontmatter.noteLinks = ['iam']
 * ```
 */
export function remarkNoteLinks() {
  return (tree: Root, file: VFile) => {
    const ids = new Set<string>();
    visit(tree, 'link', (link) => {
      const id = noteIdOfPath(link.url);
      if (id) ids.add(id);
    });
    const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
    const recorded: RecordedNoteData = { noteLinks: [...ids].sort() };
    astro.frontmatter = { ...astro.frontmatter, ...recorded };
  };
}
