/**
 * The Pagefind index `astro build` writes (src/integrations/pagefind.ts): it exists, holds the 14
 * notes and nothing else, in Japanese, with the category filter, the headings as sections, and
 * none of the table of contents, heading-link or link-card text; and the search UI bundle the
 * pages point at is there.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { UNUSED_UI_FILES } from '../../src/integrations/pagefind.ts';
import { noteCategories } from '../../src/schemas/note.ts';
import { headScript } from '../../src/integrations/head-script.ts';
import { assertBuilt, distDir, listHtmlPages, readPage } from '../support/dist.ts';

const pagefindDir = join(distDir, 'pagefind');

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  anchors: { element: string; id: string; text: string }[];
}

/** Pagefind's files are gzip with a `pagefind_dcd` signature in front of the payload. */
async function readPagefindFile(path: string): Promise<string> {
  const data = gunzipSync(await readFile(path));
  expect(data.subarray(0, 12).toString()).toBe('pagefind_dcd');
  return data.subarray(12).toString('utf8');
}

let fragments: Fragment[];
let noteUrls: string[];

beforeAll(async () => {
  assertBuilt();
  const dir = join(pagefindDir, 'fragment');
  fragments = await Promise.all(
    (await readdir(dir)).map(async (file) => JSON.parse(await readPagefindFile(join(dir, file))) as Fragment),
  );
  noteUrls = (await listHtmlPages())
    .filter((file) => /^notes\/[^/]+\/index\.html$/.test(file))
    .map((file) => `/${file.replace(/index\.html$/, '')}`);
});

describe('search index', () => {
  test('dist/pagefind/ has the entry, the script, the highlight script, WebAssembly and a Japanese index', async () => {
    for (const file of ['pagefind-entry.json', 'pagefind.js', 'pagefind-highlight.js'])
      expect(existsSync(join(pagefindDir, file)), file).toBe(true);
    expect((await readdir(pagefindDir)).some((file) => file.startsWith('wasm.'))).toBe(true);
    const entry = JSON.parse(await readFile(join(pagefindDir, 'pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['ja']);
    expect(entry.languages.ja.page_count).toBe(noteUrls.length);
    expect(existsSync(join(pagefindDir, 'playground')), 'no playground on the live site').toBe(false);
    for (const file of UNUSED_UI_FILES)
      expect(existsSync(join(pagefindDir, file)), `${file} is not deployed`).toBe(false);
  });

  test('only the note pages are indexed: not home, topics, glossary or 404', () => {
    expect(noteUrls.length).toBeGreaterThanOrEqual(14);
    expect(fragments.map((f) => f.url).sort()).toEqual([...noteUrls].sort());
  });

  test('every note has its title, description and category; the category filter has the site categories', () => {
    for (const fragment of fragments) {
      expect(fragment.meta.title, fragment.url).toBeTruthy();
      expect(fragment.meta.description, fragment.url).toBeTruthy();
      expect(fragment.filters.category, fragment.url).toHaveLength(1);
      expect(noteCategories).toContain(fragment.filters.category[0]);
    }
    const iam = fragments.find((f) => f.url === '/notes/iam/')!;
    expect(iam.meta.title).toBe('IAM');
    expect(iam.filters.category).toEqual(['ID・アクセス管理']);
  });

  test('headings with ids are sections (h2–h4, including those inside callouts)', () => {
    const iam = fragments.find((f) => f.url === '/notes/iam/')!;
    const anchors = iam.anchors.map((a) => [a.element, a.id]);
    expect(anchors).toEqual(
      expect.arrayContaining([
        ['h2', 'アクセスキー'],
        ['h3', '一時的なセキュリティ認証情報-(temporary-security-credentials)'],
        ['h4', 'assumerole'],
      ]),
    );
  });

  test('only the note body is indexed: no contents list, header, footer, heading-link or link-card text', async () => {
    const iam = fragments.find((f) => f.url === '/notes/iam/')!;
    const text = iam.content.replace(/\u200b/g, '');
    expect(text).toContain('一時的なセキュリティ認証情報');
    for (const noise of [
      '目次',
      'へのリンク',
      '新しいタブで開きます',
      'awsstatic.com',
      'ダークモード',
      '本文へスキップ',
    ]) {
      expect(text, noise).not.toContain(noise);
    }
    // Japanese text is segmented into words (Pagefind marks the boundaries with zero-width spaces).
    expect(iam.content).toMatch(/認証\u200b情報/);
    const page = await readPage('notes/iam/index.html');
    expect(page.querySelector('[data-pagefind-body]')?.tagName).toBe('ARTICLE');
  });

  test('pages point at the bundled search UI, which exists, and ship it only through the inline script', async () => {
    const page = await readPage('notes/iam/index.html');
    const src = page.querySelector('.search-button[data-module]')?.getAttribute('data-module');
    expect(src).toMatch(/^\/_astro\/search\.[\w]+\.js$/);
    expect(existsSync(join(distDir, src!))).toBe(true);
    expect(page.querySelector(`script[src="${src}"]`)).toBeNull();
    expect(page.querySelector('dialog#search-dialog input#search-input')).not.toBeNull();
    // The inline head script is the page's whole JavaScript until search opens: keep it small.
    expect(gzipSync(headScript).length).toBeLessThan(700);
  });
});
