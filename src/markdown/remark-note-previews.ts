import { relative, resolve } from 'node:path';
import type { Link, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { noteIdOf } from '../loaders/note-sources.ts';
import { noteIdOfPath } from '../site-config.ts';
import { safeDecodeUriComponent } from '../utils/safe-decode.ts';
import { noteSummary, type NotesSource } from '../integrations/note-summaries.ts';

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
 * `RecordedPreviewData`), so a kept render of the note can be checked against the linked notes
 * as they are now (`loaders/render-cache.ts`).
 */
export function remarkNotePreviews(source: NotesSource) {
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
    const self = selfId(source, file);
    const previews = new Map<string, string>();
    const recorded: RecordedPreviewData = { notePreviews: {} };
    for (const { link, id, fragment } of links) {
      if (id === self) continue;
      const key = previewKey(id, fragment);
      const text = await previewText(source, key);
      recorded.notePreviews[key] = text ?? null;
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
    const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
    astro.frontmatter = { ...astro.frontmatter, ...recorded };
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

/** What the Markdown pass records about a note's previews, read back by `loaders/render-cache.ts`. */
export interface RecordedPreviewData {
  /** Each previewed link (`iam#ポリシー`) and the text it showed (null: the note had no summary). */
  notePreviews: Record<string, string | null>;
}

const previewKey = (id: string, fragment: string | undefined) => `${id}#${fragment ?? ''}`;

/**
 * What a link to `id#fragment` previews: the section's title and first lines, or the note's
 * excerpt when the fragment names no section, followed by the note's title.
 */
export async function previewText(source: NotesSource, key: string): Promise<string | undefined> {
  const hash = key.indexOf('#');
  const [id, fragment] = [key.slice(0, hash), key.slice(hash + 1)];
  const summary = await noteSummary(source, id);
  if (!summary) return undefined;
  const section = fragment ? summary.sections.get(fragment) : undefined;
  return section
    ? `${section.title}：${section.excerpt}（${summary.title}）`
    : `${summary.excerpt}（${summary.title}）`;
}

/** The note a file is (`…/content/notes/iam.md` → `iam`), to leave links to itself alone. */
function selfId(source: NotesSource, file: VFile): string | undefined {
  if (!file.path) return undefined;
  const entry = relative(resolve(source.root, source.contentDir), resolve(source.root, file.path))
    .split('\\')
    .join('/');
  return entry.startsWith('..') ? undefined : noteIdOf(entry);
}
