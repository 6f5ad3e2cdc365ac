/**
 * The service worker's precache list (src/integrations/offline-precache.ts), on small folders
 * made here: which files are kept, under which URL, with which
 * revision and integrity, and the errors that stop a build whose offline copy would be broken.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  integrityOf,
  MAX_FILE_BYTES,
  OfflineBuildError,
  precacheManifest,
  unusedFonts,
  urlForFile,
} from '../../src/integrations/offline-precache.ts';

let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The URLs the offline list keeps of a site made of these files, sorted. */
async function keptUrls(files: Record<string, string | Buffer>): Promise<string[]> {
  return (await precacheManifest(await site(files))).entries.map((entry) => entry.url).sort();
}

async function site(files: Record<string, string | Buffer>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'precache-'));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  return dir;
}

describe('urlForFile', () => {
  test.each([
    ['index.html', '/'],
    ['notes/iam/index.html', '/notes/iam/'],
    ['topics/セキュリティ/index.html', '/topics/セキュリティ/'],
    ['404.html', '/404.html'],
    ['notes/iam/other.html', '/notes/iam/other.html'],
    // Only a whole `index.html` segment is a folder's page.
    ['notes/myindex.html', '/notes/myindex.html'],
    ['pagefind/pagefind-entry.json', '/pagefind/pagefind-entry.json'],
  ])('%s → %s', (file, url) => {
    expect(urlForFile(file)).toBe(url);
  });
});

test('integrityOf is the SHA-256 subresource integrity of the bytes', () => {
  expect(integrityOf('abc')).toBe(`sha256-${createHash('sha256').update('abc').digest('base64')}`);
  expect(integrityOf('abc')).toBe('sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
});

describe('unusedFonts', () => {
  test.each([
    [
      'a font a linked stylesheet names is kept',
      { 'x.html': '<link href="/_astro/a.css">', '_astro/a.css': 'src:url(/_astro/K.1.woff2)', '_astro/K.1.woff2': '' },
      [],
    ],
    [
      'a font only an unlinked stylesheet names is left out (math.css on a site without math)',
      { 'x.html': '<p>no math</p>', '_astro/math.css': 'src:url(/_astro/K.1.woff2)', '_astro/K.1.woff2': '' },
      ['_astro/K.1.woff2'],
    ],
    ['a font a page names (inlined CSS) is kept', { 'x.html': 'url(/_astro/K.1.woff2)', '_astro/K.1.woff2': '' }, []],
    [
      'a font nothing names is left out',
      { 'x.html': '<link href="/a.css">', 'a.css': 'body{}', '_astro/K.1.woff2': '' },
      ['_astro/K.1.woff2'],
    ],
    ['other files are never fonts', { 'a.css': '', 'a.js': '', 'b.png': '' }, []],
  ])('%s', (_name, files, unused) => {
    expect([...unusedFonts(new Map(Object.entries(files)))]).toEqual(unused);
  });
});

describe('precacheManifest', () => {
  test('keeps pages under their URLs with SHA-256 revision and integrity, hashed names without, and leaves out what is not for reading', async () => {
    const root = await site({
      'index.html': '<link href="/_astro/a.B1xZ3kQe.css">',
      'notes/iam/index.html': 'IAM',
      '404.html': 'not found',
      '_astro/a.B1xZ3kQe.css': 'body{}',
      '_astro/KaTeX_Main.x1.woff2': 'unused font',
      'pagefind/pagefind-entry.json': '{}',
      'pagefind/index/ja_332bfc6.pf_index': 'chunk',
      'pagefind/wasm.unknown.pagefind': 'wasm',
      'manifest.webmanifest': '{}',
      'sw.js': 'old worker',
      'robots.txt': 'x',
      'sitemap-0.xml': 'x',
      'sitemap-index.xml': 'x',
      'atom.xml': 'x',
      'favicon.svg': '<svg/>',
      'llms.txt': 'x',
      'notes/iam.md': 'x',
      'notes/aws-book/intro.md': 'x',
    });
    const { entries, bytes } = await precacheManifest(root);
    const byUrl = Object.fromEntries(entries.map((entry) => [entry.url, entry]));
    expect(Object.keys(byUrl).sort()).toEqual([
      '/',
      '/404.html',
      '/_astro/a.B1xZ3kQe.css',
      '/manifest.webmanifest',
      '/notes/iam/',
      '/pagefind/index/ja_332bfc6.pf_index',
      '/pagefind/pagefind-entry.json',
      '/pagefind/wasm.unknown.pagefind',
    ]);
    expect(byUrl['/notes/iam/']).toEqual({
      url: '/notes/iam/',
      revision: integrityOf('IAM'),
      integrity: integrityOf('IAM'),
    });
    expect(byUrl['/pagefind/wasm.unknown.pagefind']!.integrity).toBe(integrityOf('wasm'));
    expect(byUrl['/_astro/a.B1xZ3kQe.css']).toEqual({ url: '/_astro/a.B1xZ3kQe.css', revision: null });
    expect(byUrl['/pagefind/index/ja_332bfc6.pf_index']).toEqual({
      url: '/pagefind/index/ja_332bfc6.pf_index',
      revision: null,
    });
    // The bytes of exactly the kept files.
    const kept = ['<link href="/_astro/a.B1xZ3kQe.css">', 'IAM', 'not found', 'body{}', '{}', 'chunk', 'wasm', '{}'];
    expect(bytes).toBe(kept.reduce((sum, text) => sum + Buffer.byteLength(text), 0));
  });

  // The list reads each page and stylesheet once and keeps only the names it holds, not its text.
  test.each<{ name: string; files: Record<string, string>; kept: boolean }>([
    {
      name: 'a page links a stylesheet that names the font: kept',
      files: {
        'index.html': '<link href="/_astro/katex.A1.css">',
        '_astro/katex.A1.css': 'src:url(./KaTeX_Main.B2.woff2)',
      },
      kept: true,
    },
    {
      name: 'a stylesheet no page links names the font: left out',
      files: { 'index.html': '<p>数式なし</p>', '_astro/katex.A1.css': 'src:url(./KaTeX_Main.B2.woff2)' },
      kept: false,
    },
    {
      name: 'a page names the font itself (inlined CSS): kept',
      files: { 'index.html': '<style>@font-face{src:url(/_astro/KaTeX_Main.B2.woff2)}</style>' },
      kept: true,
    },
    {
      name: 'only a script names the font: left out',
      files: { 'index.html': '<script src="/_astro/a.C3.js"></script>', '_astro/a.C3.js': '"KaTeX_Main.B2.woff2"' },
      kept: false,
    },
    {
      name: 'a stylesheet linked through another stylesheet names it: kept',
      files: {
        'notes/x/index.html': '<link href="/_astro/site.D4.css">',
        '_astro/site.D4.css': '@import "./katex.A1.css";',
        '_astro/katex.A1.css': 'src:url(./KaTeX_Main.B2.woff2)',
      },
      kept: true,
    },
  ])('$name', async ({ files, kept }) => {
    const urls = await keptUrls({ 'index.html': 'home', ...files, '_astro/KaTeX_Main.B2.woff2': 'font' });
    expect(urls.includes('/_astro/KaTeX_Main.B2.woff2')).toBe(kept);
  });

  test('a font whose name is inside a longer name a page holds is kept with it, as the page’s full text would keep it', async () => {
    const urls = await keptUrls({
      'index.html': '<style>src:url(/_astro/XKaTeX_Main.B2.woff2)</style>',
      '_astro/KaTeX_Main.B2.woff2': 'short',
      '_astro/XKaTeX_Main.B2.woff2': 'long',
      '_astro/Other.E5.woff2': 'other',
    });
    // The longer name holds the shorter one, as a substring: both are kept, as the full text would keep them.
    expect(urls).toEqual(['/', '/_astro/KaTeX_Main.B2.woff2', '/_astro/XKaTeX_Main.B2.woff2']);
  });

  test('odd and hostile file names: only the root files crawlers fetch are left out, every other file is kept under its own URL', async () => {
    const urls = await keptUrls({
      'index.html': 'home',
      // Left out only at the root; the same names deeper are ordinary files.
      'notes/sw.js/index.html': 'a note whose id is sw.js',
      'foo/robots.txt': 'x',
      'a/sitemap-0.xml': 'x',
      // Source maps are left out at any depth, the root included.
      'x.map': 'map',
      '_astro/a.B1xZ3kQe.js.map': 'map',
      'topics/ログ/index.html': 'ログ',
      'topics/C# と C++/index.html': 'symbols',
      'notes/%2e%2e/index.html': 'percent signs',
      'notes/space name.html': 'space',
    });
    expect(urls).toEqual([
      '/',
      '/a/sitemap-0.xml',
      '/foo/robots.txt',
      '/notes/%2e%2e/',
      '/notes/space name.html',
      '/notes/sw.js/',
      '/topics/C# と C++/',
      '/topics/ログ/',
    ]);
  });

  test('a changed page changes its revision and nothing else', async () => {
    const files = { 'index.html': 'home', 'notes/a/index.html': 'A', 'notes/b/index.html': 'B' };
    const before = (await precacheManifest(await site(files))).entries;
    await rm(dir, { recursive: true });
    const after = (await precacheManifest(await site({ ...files, 'notes/a/index.html': 'A, edited' }))).entries;
    const changed = after.filter((entry, i) => entry.revision !== before[i]!.revision).map((entry) => entry.url);
    expect(changed).toEqual(['/notes/a/']);
  });

  test('a file too large to keep stops the build, naming it', async () => {
    const root = await site({ 'index.html': 'home', 'pagefind/big.pagefind': Buffer.alloc(MAX_FILE_BYTES + 1) });
    const error = await precacheManifest(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfflineBuildError);
    expect((error as Error).message).toMatch(/incomplete: .*big\.pagefind/);
  });

  test('a build without a home page stops the build', async () => {
    const error = await precacheManifest(await site({ '404.html': 'x' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfflineBuildError);
    expect((error as Error).message).toMatch(/no index\.html/);
  });
});
