import type { Link, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { noteIdOfPath } from '../site-config.ts';
import { safeDecodeUriComponent } from '../utils/safe-decode.ts';
import { record } from './recorded.ts';

/** What the plugin asks of the notes (`notes/note-summaries.ts` and the note index answer). */
export interface NotePreviewSource {
  /** What a link to `id#fragment` shows, or undefined when that note has no summary (a draft, no such note). */
  previewText(key: string): Promise<string | undefined>;
  /** The note a file is (`…/content/notes/iam.md` → `iam`), to leave links to itself alone. */
  noteIdOfFile(path: string | undefined): string | undefined;
}

/**
 * A link to another note (or one of its sections) previews what is there, as a glossary term
 * does: on hover and keyboard focus, by CSS, from text made at build time (no fetch).
 *
 * ```md
 * [ポリシー](/notes/iam/#ポリシー)
 * →  <a href="/notes/iam/#ポリシー" class="note-link" aria-describedby="note-preview-1"
 *        data-preview="ポリシー：IAMユーザ、IAMグループ…（IAM）">ポリシー</a>
 *    … <div class="note-previews" hidden><span id="note-preview-1">ポリシー：…（IAM）</span></div>
 * ```
 *
 * Term links keep the glossary's preview; links inside the note itself (`#…`) get none.
 *
 * The previews a note shows are recorded (`remarkPluginFrontmatter.notePreviews`, see
 * `recorded.ts`), so a kept render of the note can be checked against the linked notes
 * as they are now (`notes/render-cache.ts`).
 */
export function remarkNotePreviews(source: NotePreviewSource) {
  return async (tree: Root, file: VFile) => {
    const links: { link: Link; id: string; fragment?: string }[] = [];
    visit(tree, 'link', (link) => {
      const classes = (link.data as { hProperties?: { className?: string[] } } | undefined)?.hProperties?.className;
      if (classes?.includes('term-link')) return;
      const id = noteIdOfPath(link.url);
      if (!id) return;
      const hash = link.url.indexOf('#');
      links.push({ link, id, fragment: hash >= 0 ? safeDecodeUriComponent(link.url.slice(hash + 1)) : undefined });
    });
    if (links.length === 0) return;
    const self = source.noteIdOfFile(file.path);
    const previews = new Map<string, string>();
    const notePreviews: Record<string, string | null> = {};
    for (const { link, id, fragment } of links) {
      if (id === self) continue;
      const key = previewKey(id, fragment);
      const text = await source.previewText(key);
      notePreviews[key] = text ?? null;
      if (text === undefined) continue;
      if (!previews.has(key)) previews.set(key, text);
      const index = [...previews.keys()].indexOf(key) + 1;
      link.data = {
        ...link.data,
        hProperties: {
          ...(link.data as { hProperties?: object } | undefined)?.hProperties,
          className: ['note-link'],
          ariaDescribedBy: [`note-preview-${index}`],
          dataPreview: text,
        },
      };
    }
    record(file, { notePreviews });
    if (previews.size === 0) return;
    tree.children.push({
      type: 'paragraph',
      data: { hName: 'div', hProperties: { className: ['note-previews'], hidden: true, dataPagefindIgnore: '' } },
      children: [...previews.values()].map((text, index) => ({
        type: 'notePreview',
        data: { hName: 'span', hProperties: { id: `note-preview-${index + 1}` } },
        children: [{ type: 'text', value: text }],
      })) as unknown as PhrasingContent[],
    } as RootContent);
  };
}

/** The key a preview is recorded under: `iam#ポリシー`, `iam#` for the note itself. */
const previewKey = (id: string, fragment: string | undefined) => `${id}#${fragment ?? ''}`;
