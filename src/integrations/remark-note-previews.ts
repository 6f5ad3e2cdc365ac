import { relative, resolve } from 'node:path';
import type { Link, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { noteIdOf } from '../loaders/note-sources.ts';
import { noteIdOfPath } from '../site-config.ts';
import { noteSummary, type NotesSource } from './note-summaries.ts';

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
      links.push({ link, id, fragment: hash >= 0 ? safeDecode(link.url.slice(hash + 1)) : undefined });
    });
    if (links.length === 0) return;
    const self = selfId(source, file);
    const previews = new Map<string, string>();
    for (const { link, id, fragment } of links) {
      if (id === self) continue;
      const summary = await noteSummary(source, id);
      if (!summary) continue;
      const section = fragment ? summary.sections.get(fragment) : undefined;
      const text = section
        ? `${section.title}：${section.excerpt}（${summary.title}）`
        : `${summary.excerpt}（${summary.title}）`;
      const key = `${id}#${fragment ?? ''}`;
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

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The note a file is (`…/content/notes/iam.mdx` → `iam`), to leave links to itself alone. */
function selfId(source: NotesSource, file: VFile): string | undefined {
  if (!file.path) return undefined;
  const entry = relative(resolve(source.root, source.contentDir), resolve(source.root, file.path))
    .split('\\')
    .join('/');
  return entry.startsWith('..') ? undefined : noteIdOf(entry);
}
