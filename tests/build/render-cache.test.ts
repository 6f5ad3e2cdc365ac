/**
 * A rebuild keeps the notes Astro rendered before (`node_modules/.astro/`, kept by CI between
 * builds) and must still make exactly what a first build makes: after a note changes, the notes
 * that preview it or mention its terms change too; after the rendering code changes, every note does.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

const note = (title: string, body: string, fields = '') =>
  `---\ntitle: "${title}"\ncategory: "コンテナ"\n${fields}---\n\n${body}\n`;

const before = {
  'notes/pods.md': note(
    'ポッド',
    '## ポッドとは\nポッドはコンテナの集まり。\n\n## 配置\nノードに一つずつ置く。',
    'terms:\n  - term: ポッド\n    heading: ポッドとは\n',
  ),
  'notes/links.md': note('リンク', 'ポッドを使う。詳しくは[配置](/notes/pods/#配置)を読む。'),
  'notes/plain.md': note('別のノート', '関係のない本文。[^1]\n\n[^1]: 脚注の文。'),
  'notes/kept.md': note('変わらないノート', 'この本文は変わらない。\n\n:::message\n大事な点。\n:::'),
};
const after = {
  ...before,
  'notes/pods.md': note(
    'ポッド',
    '## ポッドとは\nポッドは一つ以上のコンテナの集まり。\n\n## 配置\nノードに二つずつ置く。',
    'terms:\n  - term: ポッド\n    heading: ポッドとは\n',
  ),
  'notes/plain.md': note('別のノート', '書き換えた本文。[^1]\n\n[^1]: 脚注の文。'),
};

let warm: ThrowawaySite;
let cold: ThrowawaySite;

const write = (site: ThrowawaySite, files: Record<string, string>) =>
  Promise.all(Object.entries(files).map(([path, text]) => writeFile(join(site.dir, 'content', path), text)));
const build = async (site: ThrowawaySite) => {
  const result = await site.build();
  expect(result.ok, result.output.slice(-3000)).toBe(true);
};
const html = (site: ThrowawaySite, path: string) => readFile(join(site.dir, 'dist', path), 'utf8');
const pages = async (site: ThrowawaySite) =>
  (await readdir(join(site.dir, 'dist'), { recursive: true })).filter((file) => file.endsWith('.html')).sort();

beforeAll(async () => {
  [warm, cold] = await Promise.all([throwawaySite({ content: before }), throwawaySite({ content: after })]);
  await build(warm); // the first build, which leaves its renders in node_modules/.astro/
  await write(warm, after);
  await build(warm); // the rebuild
  await build(cold); // the same notes, built from nothing
}, 300_000);
afterAll(() => Promise.all([warm?.remove(), cold?.remove()]));

describe('a rebuild after notes change', () => {
  test('the changed note shows its new text', async () => {
    expect(await html(warm, 'notes/plain/index.html')).toContain('書き換えた本文。');
  });

  test('an unchanged note that links to a changed section previews its new first lines', async () => {
    const page = await html(warm, 'notes/links/index.html');
    expect(page).toContain('配置：ノードに二つずつ置く。（ポッド）');
    expect(page).not.toContain('一つずつ');
  });

  test('an unchanged note that mentions a term shows its new definition', async () => {
    const page = await html(warm, 'notes/links/index.html');
    expect(page).toContain('ポッドは一つ以上のコンテナの集まり。');
  });

  test('makes every page exactly as a first build of the same notes does', async () => {
    const files = await pages(cold);
    expect(await pages(warm)).toEqual(files);
    for (const file of files) expect(await html(warm, file), file).toBe(await html(cold, file));
  });
});

describe('a rebuild with nothing changed, then after the rendering code changes', () => {
  const storeFile = () => join(warm.dir, 'node_modules', '.astro', 'data-store.json');

  test('takes an unchanged note from the cache: a mark put in its kept HTML shows on its page', async () => {
    const store = await readFile(storeFile(), 'utf8');
    expect(store).toContain('この本文は変わらない。');
    await writeFile(storeFile(), store.replaceAll('この本文は変わらない。', 'この本文は変わらない。（保存された版）'));
    await build(warm);
    expect(await html(warm, 'notes/kept/index.html')).toContain('この本文は変わらない。（保存された版）');
  }, 120_000);

  test('renders the unchanged notes again with the new code', async () => {
    // A module the Markdown pipeline imports, not the config itself: the label of a :::message box.
    const blocks = join(warm.dir, 'src', 'markdown', 'zenn-blocks.ts');
    await writeFile(blocks, (await readFile(blocks, 'utf8')).replace("info: 'メモ'", "info: 'メモ書き'"));
    await build(warm);
    const page = await html(warm, 'notes/kept/index.html');
    expect(page).toContain('aria-label="メモ書き"');
    expect(page).not.toContain('保存された版');
  }, 120_000);
});
