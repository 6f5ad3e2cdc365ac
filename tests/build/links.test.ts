/**
 * The link gate beyond `href`: `astro build` (src/integrations/link-check.ts) and site.test.ts
 * already fail on a dead internal `href`/`src` or `#fragment`. This adds what a reader or a crawler
 * also follows: image `srcset`s, the search module the pages import, and the sitemap's URLs, all
 * resolved as S3 + CloudFront serve the site (a folder URL serves its `index.html`).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findDeadLinks, resolveInternalLink, scanHtml } from '../../src/utils/internal-links.ts';
import { srcsetUrls } from '../../src/utils/safe-url.ts';
import { assertBuilt, distDir, listHtmlPages, readPage } from '../support/dist.ts';
import { pageUrlOf, siteConfig } from '../../src/site-config.ts';

const site = siteConfig.siteUrl;
const tmpRoot = join(import.meta.dirname, '..', '.tmp');
const made: string[] = [];
let pages: string[] = [];

beforeAll(async () => {
  assertBuilt();
  pages = await listHtmlPages();
});
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

const locs = (xml: string) =>
  [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!.replaceAll('&amp;', '&'));

describe('links beyond href', () => {
  test('srcset candidates are parsed as URLs', () => {
    expect(srcsetUrls('/a.png 1x, /b@2x.png 2x')).toEqual(['/a.png', '/b@2x.png']);
    expect(srcsetUrls('/s.avif 480w,   /l.avif 1024w')).toEqual(['/s.avif', '/l.avif']);
    expect(srcsetUrls('/only.png')).toEqual(['/only.png']);
  });

  test('the streaming scan finds the same ids and links as a DOM of every built page', async () => {
    for (const file of pages) {
      const page = await readPage(file);
      const { ids, references } = scanHtml(await readFile(join(distDir, file), 'utf8'));
      expect([...ids].sort(), file).toEqual([...new Set([...page.querySelectorAll('[id]')].map((e) => e.id))].sort());
      const fromDom = [
        ...[...page.querySelectorAll('a[href], link[href]')].map((e) => e.getAttribute('href')!),
        ...[...page.querySelectorAll('img[src], script[src], source[src], iframe[src], video[src], audio[src]')].map(
          (e) => e.getAttribute('src')!,
        ),
      ];
      expect([...new Set(references)].sort(), file).toEqual([...new Set(fromDom)].sort());
    }
  });

  test('a dead image srcset is found, naming the page and the URL (a fixture site on disk)', async () => {
    await mkdir(tmpRoot, { recursive: true });
    const dir = await mkdtemp(join(tmpRoot, 'links-'));
    made.push(dir);
    await mkdir(join(dir, 'notes', 'a'), { recursive: true });
    await writeFile(join(dir, 'ok.png'), '');
    await writeFile(
      join(dir, 'notes', 'a', 'index.html'),
      '<main><img src="/ok.png" srcset="/ok.png 1x, /missing@2x.png 2x" alt=""><picture><source srcset="../../ok.png"></picture></main>',
    );
    expect(await findDeadLinks(dir, ['notes/a/index.html'])).toEqual([
      {
        page: '/notes/a/',
        href: '/missing@2x.png',
        problem: 'no page or file "/missing@2x.png" in the build',
        missing: 'page',
      },
    ]);
  });

  test('a #fragment resolves only to a whole id of the target page, checked after the target was itself checked', async () => {
    await mkdir(tmpRoot, { recursive: true });
    const dir = await mkdtemp(join(tmpRoot, 'links-'));
    made.push(dir);
    for (const name of ['a', 'b']) await mkdir(join(dir, 'notes', name), { recursive: true });
    await writeFile(
      join(dir, 'notes', 'b', 'index.html'),
      '<h2 id="ポリシー">ポリシー</h2><p id="">空</p><a href="/notes/a/#x">a</a>',
    );
    const links = [
      '#ポリシー',
      '#ポリシ',
      '#リシー',
      '#%E3%83%9D%E3%83%AA%E3%82%B7%E3%83%BC',
      '#%00',
      '#ポリシー%00',
      '#',
    ];
    await writeFile(
      join(dir, 'notes', 'a', 'index.html'),
      `<p id="x">x</p>${links.map((fragment) => `<a href="/notes/b/${fragment}">b</a>`).join('')}`,
    );
    // b is checked first, then a links into it: what is kept of b must still answer for its ids.
    const dead = await findDeadLinks(dir, ['notes/b/index.html', 'notes/a/index.html']);
    expect(dead.map((link) => link.href)).toEqual([
      '/notes/b/#ポリシ',
      '/notes/b/#リシー',
      '/notes/b/#%00',
      '/notes/b/#ポリシー%00',
    ]);
  });

  test('every module a button loads on use (search, 「Markdownをコピー」) and every Markdown it copies is in the build', async () => {
    const found = new Set<string>();
    for (const file of pages) {
      const page = await readPage(file);
      for (const [selector, attribute] of [
        ['[data-module]', 'data-module'],
        ['[data-markdown]', 'data-markdown'],
      ] as const) {
        for (const element of page.querySelectorAll(selector)) {
          const target = resolveInternalLink(element.getAttribute(attribute)!, pageUrlOf(file));
          expect(target, file).toBeDefined();
          expect(existsSync(join(distDir, target!.file)), `${file}: ${target!.file}`).toBe(true);
          found.add(attribute);
        }
      }
    }
    expect(pages.length).toBeGreaterThan(40);
    expect([...found].sort()).toEqual(['data-markdown', 'data-module']);
  });

  test('every sitemap URL is a page of the build, and every indexable page is in the sitemap', async () => {
    const index = await readFile(join(distDir, 'sitemap-index.xml'), 'utf8');
    const sitemaps = locs(index);
    expect(sitemaps.length).toBeGreaterThan(0);
    const listed: string[] = [];
    for (const sitemap of sitemaps) {
      expect(sitemap.startsWith(new URL('/', site).href), sitemap).toBe(true);
      const file = join(distDir, new URL(sitemap).pathname);
      expect(existsSync(file), `${sitemap} is listed in sitemap-index.xml but not built`).toBe(true);
      listed.push(...locs(await readFile(file, 'utf8')));
    }
    for (const url of listed) {
      expect(new URL(url).origin, url).toBe(new URL(site).origin);
      const target = resolveInternalLink(new URL(url).pathname, '/');
      expect(target && existsSync(join(distDir, target.file)), `sitemap URL ${url} is not served`).toBe(true);
      expect(target!.file, url).toMatch(/\.html$/);
    }
    const indexable: string[] = [];
    for (const file of pages) {
      const robots = (await readPage(file)).querySelector('meta[name="robots"]')?.getAttribute('content') ?? '';
      if (!/noindex/.test(robots)) indexable.push(new URL(pageUrlOf(file), site).href);
    }
    expect([...listed].sort()).toEqual(indexable.sort());
  });
});
