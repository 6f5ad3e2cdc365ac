/**
 * Which of the notes an earlier build rendered must be rendered again (`src/notes/render-cache.ts`),
 * on a store like the one Astro hands the notes loader, over a real content folder.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataStore } from 'astro/loaders';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createNoteIndex } from '../../src/notes/note-index.ts';
import { dropStaleRenders, renderInputs } from '../../src/notes/render-cache.ts';

let root: string;
/** A fresh index, as each build makes one. */
const source = () => createNoteIndex({ root, contentDir: 'content' });
const pods = (placement: string) =>
  `---\ntitle: "ポッド"\n---\n\n## ポッドとは\nポッドはコンテナの集まり。\n\n## 配置\n${placement}\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'render-cache-'));
  await mkdir(join(root, 'content', 'notes'), { recursive: true });
  await mkdir(join(root, 'src'), { recursive: true });
  await writeFile(join(root, 'src', 'pipeline.ts'), 'export const label = "脚注";\n');
  await writeFile(join(root, 'content', 'notes', 'pods.md'), pods('ノードに一つずつ置く。'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

type Entry = { id: string; filePath?: string; rendered?: { html: string; metadata?: { frontmatter?: object } } };
/** The part of Astro's store the cache uses: its entries, and deleting one. */
function store(entries: Entry[]): DataStore & { ids(): string[] } {
  const map = new Map(entries.map((entry) => [entry.id, entry]));
  return {
    entries: () => [...map.entries()],
    delete: (id: string) => void map.delete(id),
    ids: () => [...map.keys()].sort(),
  } as unknown as DataStore & { ids(): string[] };
}
const shown = (text: string) => ({
  html: '<p>…</p>',
  metadata: { frontmatter: { notePreviews: { 'pods#配置': text } } },
});

describe('kept renders', () => {
  test('a .md note whose render failed is rendered again (an .mdx note, compiled by every build, is left as it is)', async () => {
    const kept = store([
      { id: 'failed', filePath: 'content/notes/failed.md' },
      { id: 'mdx', filePath: 'content/notes/mdx.mdx' },
      { id: 'good', filePath: 'content/notes/good.md', rendered: { html: '<p>本文</p>' } },
    ]);
    await dropStaleRenders(kept, source());
    expect(kept.ids()).toEqual(['good', 'mdx']);
  });

  test('a note is rendered again when a section it previews now reads differently, or is gone', async () => {
    const kept = store([
      { id: 'same', filePath: 'content/notes/same.md', rendered: shown('配置：ノードに一つずつ置く。（ポッド）') },
      {
        id: 'changed',
        filePath: 'content/notes/changed.md',
        rendered: shown('配置：ノードに二つずつ置く。（ポッド）'),
      },
      {
        id: 'gone',
        filePath: 'content/notes/gone.md',
        rendered: { html: '', metadata: { frontmatter: { notePreviews: { 'nowhere#': '消えたノート' } } } },
      },
    ]);
    await dropStaleRenders(kept, source());
    expect(kept.ids()).toEqual(['same']);
  });
});

describe('what every kept render depends on', () => {
  test('changes with the rendering code (and patches to installed packages) and the content folder’s other files, not with a note’s own file', async () => {
    const first = await renderInputs(source());
    await writeFile(join(root, 'content', 'notes', 'other.md'), '---\ntitle: "別"\n---\n\n本文。\n');
    expect(await renderInputs(source())).toBe(first);

    await writeFile(join(root, 'src', 'pipeline.ts'), 'export const label = "注";\n');
    const afterCode = await renderInputs(source());
    expect(afterCode).not.toBe(first);

    // A patch that `npm install` applies to an installed package (patch-package) is code too.
    await mkdir(join(root, 'patches'), { recursive: true });
    await writeFile(join(root, 'patches', 'some-package+1.0.0.patch'), '-old\n+new\n');
    const afterPatch = await renderInputs(source());
    expect(afterPatch).not.toBe(afterCode);

    await mkdir(join(root, 'content', 'images'), { recursive: true });
    await writeFile(join(root, 'content', 'images', 'arch.png'), 'not really a png');
    const afterImage = await renderInputs(source());
    expect(afterImage).not.toBe(afterPatch);
    await writeFile(join(root, 'content', 'images', 'arch.png'), 'another picture');
    expect(await renderInputs(source())).not.toBe(afterImage);
  });
});
