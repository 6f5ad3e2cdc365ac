import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { noteIdOfPath } from '../site-config.ts';
import { clozeSentences } from './cloze-cards.ts';
import { oneLine } from '../utils/one-line.ts';
import { record } from './recorded.ts';

/** A description is one or two sentences: the first paragraph is cut after this many characters. */
const EXCERPT_LENGTH = 120;

/**
 * Records what pages need from a note's body, so nothing parses it twice:
 *
 * - `noteLinks`, for the "このノートへのリンク" (backlinks) list. This is the one place backlinks
 *   come from: the Markdown pass writes each note's outgoing links here (after the glossary has
 *   made its term links), and the note-page model (`utils/note-pages.ts`) reads them for every
 *   note and inverts them. Nothing flows the other way.
 * - `excerpt`: the first paragraph's text, for a note without a `description` (a Zenn article).
 * - `clozeSentences`: the 穴埋め cards of the 復習 page (`cloze-cards.ts`), unless the
 *   frontmatter says `cloze: false`.
 *
 * ```md
 * 一時的な認証情報を使う。[IAM](/notes/iam/) と [[STS]]
 * →  remarkPluginFrontmatter = { noteLinks: ['iam'], excerpt: '一時的な認証情報を使う。IAM と STS' }
 * ```
 */
export function remarkNoteData() {
  return (tree: Root, file: VFile) => {
    const ids = new Set<string>();
    visit(tree, 'link', (link) => {
      const id = noteIdOfPath(link.url);
      if (id) ids.add(id);
    });
    // The note's own frontmatter, which Astro hands the pass in the same place.
    const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter ?? {};
    record(file, {
      noteLinks: [...ids].sort(),
      excerpt: excerptOf(tree),
      clozeSentences: frontmatter.cloze === false ? [] : clozeSentences(tree, String(frontmatter.title ?? '')),
    });
  };
}

function excerptOf(tree: Root): string | undefined {
  const first = tree.children.find((node) => node.type === 'paragraph');
  if (!first) return undefined;
  const text = oneLine(toString(first));
  if (text.length <= EXCERPT_LENGTH) return text || undefined;
  const cut = text.slice(0, EXCERPT_LENGTH);
  const sentence = cut.lastIndexOf('。');
  return sentence >= 40 ? cut.slice(0, sentence + 1) : `${cut}…`;
}
