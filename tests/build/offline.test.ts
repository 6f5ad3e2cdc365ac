/**
 * The built site's offline parts: the web app manifest and its icons as an installing phone reads
 * them, every page's links to them, and the service worker's list against the files of the build
 * (every page and every Pagefind file kept, each file's revision its own SHA-256).
 */
/** The URL a reader uses for a file of the build: a page's folder (`/notes/iam/`), any other file's own path. */
const urlOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { THEME_COLORS } from '../../src/integrations/web-manifest.ts';
import { assertBuilt, distDir, listDistFiles, listHtmlPages, readPage } from '../support/dist.ts';

interface Entry {
  url: string;
  revision: string | null;
  integrity?: string;
}
let files: string[] = [];
let worker = '';
let entries: Entry[] = [];

beforeAll(async () => {
  assertBuilt();
  files = await listDistFiles();
  worker = await readFile(join(distDir, 'sw.js'), 'utf8');
  // The list is the one array literal of `{url:…}` objects in the bundle.
  const literal = /\[\{url:".*?\}\]/.exec(worker)?.[0];
  expect(literal, 'the precache list in sw.js').toBeTruthy();
  entries = runInNewContext(literal!) as Entry[];
});

describe('web app manifest', () => {
  test('every page links it and gives the browser bar the page background in light and dark', async () => {
    const css = await readFile(join(import.meta.dirname, '..', '..', 'src', 'styles', 'global.css'), 'utf8');
    // The colours are the stylesheet's own `--bg`.
    expect(css).toContain(`--bg: light-dark(${THEME_COLORS.light}, ${THEME_COLORS.dark});`);
    for (const file of await listHtmlPages()) {
      const page = await readPage(file);
      expect(page.querySelector('link[rel="manifest"]')?.getAttribute('href'), file).toBe('/manifest.webmanifest');
      const colors = [...page.querySelectorAll('meta[name="theme-color"]')].map((meta) => [
        meta.getAttribute('media'),
        meta.getAttribute('content'),
      ]);
      expect(colors, file).toEqual([
        ['(prefers-color-scheme: light)', THEME_COLORS.light],
        ['(prefers-color-scheme: dark)', THEME_COLORS.dark],
      ]);
    }
  });

  test('is installable: Japanese names, standalone, start URL in scope, 192 and 512 px icons that exist, a maskable one', async () => {
    const manifest = JSON.parse(await readFile(join(distDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({
      lang: 'ja',
      short_name: 'AWSメモ',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: THEME_COLORS.light,
      background_color: THEME_COLORS.light,
    });
    expect(manifest.name).toMatch(/^AWSメモ/);
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    const icons = manifest.icons as { src: string; sizes: string; type: string; purpose: string }[];
    for (const icon of icons.filter((i) => i.type === 'image/png')) {
      const { width, height, format } = await sharp(join(distDir, icon.src)).metadata();
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
      expect(format, icon.src).toBe('png');
    }
    const sizes = (purpose: string) => icons.filter((i) => i.purpose === purpose).map((i) => i.sizes);
    expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512', 'any']));
    expect(sizes('maskable')).toEqual(['512x512']);
    const svg = icons.find((i) => i.type === 'image/svg+xml')!;
    expect(await readFile(join(distDir, svg.src), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
  });

  test('the maskable icon is opaque to its edges (a launcher cuts its own shape), the other has round corners', async () => {
    const alphaAt = async (file: string, x: number, y: number) => {
      const { data, info } = await sharp(join(distDir, file)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return data[(y * info.width + x) * info.channels + 3];
    };
    expect(await alphaAt('icons/maskable-512.png', 0, 0)).toBe(255);
    expect(await alphaAt('icons/icon-512.png', 0, 0)).toBe(0);
    expect(await alphaAt('icons/icon-512.png', 256, 256)).toBe(255);
  });
});

describe('service worker', () => {
  test('keeps every page, every stylesheet and script, and every Pagefind file of the build', () => {
    const urls = new Set(entries.map((entry) => decodeURI(entry.url)));
    // Pages by the URL a reader types, not their index.html.
    for (const url of ['/', '/notes/iam/', '/notes/vpc/', '/glossary/', '/review/', '/topics/IAM/', '/404.html'])
      expect(urls, url).toContain(url);
    expect(urls).not.toContain('/index.html');
    expect(urls).not.toContain('/notes/iam/index.html');
    for (const url of [
      '/manifest.webmanifest',
      '/icons/maskable-512.png',
      '/pagefind/pagefind.js',
      '/pagefind/pagefind-entry.json',
    ])
      expect(urls, url).toContain(url);
    const mustKeep = files.filter(
      (file) => file.endsWith('.html') || file.startsWith('pagefind/') || /^_astro\/.*\.(css|js)$/.test(file),
    );
    expect(mustKeep.length).toBeGreaterThan(60);
    expect(mustKeep.filter((file) => !urls.has(urlOf(file)))).toEqual([]);
  });

  test('keeps nothing that is not in the build, nor what crawlers, feed readers and AI assistants fetch', () => {
    const built = new Set(files.map(urlOf));
    expect(entries.filter((entry) => !built.has(decodeURI(entry.url)))).toEqual([]);
    const urls = entries.map((entry) => entry.url);
    expect(files).toContain('notes/iam.md');
    for (const skipped of ['/sw.js', '/robots.txt', '/sitemap-index.xml', '/atom.xml', '/favicon.svg', '/llms.txt'])
      expect(urls).not.toContain(skipped);
    expect(urls.filter((url) => url.endsWith('.md'))).toEqual([]);
  });

  test('keeps no KaTeX font: no note of the memo has math, so no page links the math stylesheet', () => {
    expect(files.filter((file) => /KaTeX_.*\.woff2$/.test(file)).length, 'the fonts are in the build').toBeGreaterThan(
      0,
    );
    expect(entries.filter((entry) => entry.url.includes('KaTeX_'))).toEqual([]);
  });

  test('a file without a content hash in its name has its own SHA-256 as revision and integrity', async () => {
    const hashed = entries.filter((entry) => entry.revision !== null);
    expect(
      entries.filter((entry) => entry.revision === null && entry.url.startsWith('/_astro/')).length,
    ).toBeGreaterThan(0);
    expect(hashed.map((entry) => entry.url)).toEqual(
      expect.arrayContaining(['/', '/notes/iam/', '/404.html', '/manifest.webmanifest']),
    );
    for (const entry of entries) {
      const file = files.find((f) => urlOf(f) === decodeURI(entry.url))!;
      if (/^\/(_astro\/|pagefind\/.*_[0-9a-f]{6,}\.pf_)/.test(decodeURI(entry.url))) {
        expect(entry.revision, entry.url).toBeNull();
      } else {
        // Subresource integrity as a browser checks it: the file's SHA-256, base64.
        const sha256 = createHash('sha256')
          .update(await readFile(join(distDir, file)))
          .digest('base64');
        expect(entry, entry.url).toEqual({
          url: entry.url,
          revision: `sha256-${sha256}`,
          integrity: `sha256-${sha256}`,
        });
      }
    }
  });

  test('is production code: minified, no Workbox development logging, and names the update notice that exists', () => {
    expect(worker).not.toMatch(/process\.env|workbox-core\/_private\/logger|Precaching \d+ files/);
    const notice = /"(\/_astro\/update-notice\.\w+\.js)"/.exec(worker)?.[1];
    expect(notice).toBeTruthy();
    expect(files).toContain(notice!.slice(1));
  });
});
