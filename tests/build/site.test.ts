import { readFile } from 'node:fs/promises';
import { listNoteFiles, noteIdOf } from '../../src/notes/note-sources.ts';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { headScript } from '../../src/integrations/head-script.ts';
import { findDeadLinks } from '../../src/utils/internal-links.ts';
import { assertBuilt, distDir, listHtmlPages, readPage } from '../support/dist.ts';
import { pageUrlOf, siteConfig } from '../../src/site-config.ts';

const site = siteConfig.siteUrl;
let pages: string[] = [];
let noteIds: string[] = [];

beforeAll(async () => {
  assertBuilt();
  pages = await listHtmlPages();
  noteIds = listNoteFiles(join(import.meta.dirname, '..', '..', siteConfig.contentDir)).map(noteIdOf);
});

describe('every page', () => {
  test('every note in content/notes has a page, and the home, 404 and topic pages exist', () => {
    expect(noteIds.length).toBeGreaterThanOrEqual(14);
    for (const id of noteIds) expect(pages).toContain(`notes/${id}/index.html`);
    expect(pages).toEqual(expect.arrayContaining(['index.html', '404.html', 'topics/IAM/index.html']));
  });

  test('is Japanese, has one <h1>, a title, a description, a canonical URL and Open Graph tags', async () => {
    for (const file of pages) {
      const page = await readPage(file);
      const where = `${file}: `;
      expect(page.documentElement.getAttribute('lang'), where).toBe('ja');
      expect(page.querySelectorAll('h1').length, where + 'one h1').toBe(1);
      expect(page.title, where).toMatch(/AWSメモ$/);
      expect(page.querySelector('meta[name="description"]')?.getAttribute('content')?.length, where).toBeGreaterThan(
        10,
      );
      expect(page.querySelector('meta[property="og:title"]')?.getAttribute('content'), where).toBe(page.title);
      if (file !== '404.html') {
        expect(page.querySelector('link[rel="canonical"]')?.getAttribute('href'), where).toBe(
          new URL(pageUrlOf(file), site).href,
        );
      }
    }
  });

  test('headings never skip a level (h1 → h2 → h3 …)', async () => {
    for (const file of pages) {
      const page = await readPage(file);
      const levels = [...page.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
      levels.forEach((level, i) => {
        if (i > 0) expect(level, `${file}: h${levels[i - 1]} then h${level}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
      });
    }
  });

  test('no Zenn syntax is left raw in the text a reader sees', async () => {
    for (const file of pages) {
      const page = await readPage(file);
      for (const code of page.querySelectorAll('pre, code')) code.remove();
      expect(page.body.textContent, file).not.toMatch(/:::|@\[card\]/);
    }
  });

  test('every internal link and #fragment resolves as S3 + CloudFront serve the site', async () => {
    expect(await findDeadLinks(distDir, pages)).toEqual([]);
  });

  test('a skip link leads to the main content', async () => {
    for (const file of pages) {
      const page = await readPage(file);
      expect(page.querySelector('a.skip-link')?.getAttribute('href'), file).toBe('#main');
      expect(page.querySelector('main#main'), file).not.toBeNull();
    }
  });
});

describe('a note page', () => {
  test('ships the inline theme script and one external module (the same cached file on every note, ≤ 1.5 KB gzipped with the head script); a note with code also the copy buttons', async () => {
    const modules = new Set<string>();
    const copyScripts = new Set<string>();
    for (const id of noteIds) {
      const page = await readPage(`notes/${id}/index.html`);
      const scripts = [...page.querySelectorAll('script')];
      const external = scripts.filter((s) => s.hasAttribute('src'));
      const source = await readFile(
        join(import.meta.dirname, '..', '..', siteConfig.contentDir, 'notes', `${id}.md`),
        'utf8',
      );
      const hasCode = /^```/m.test(source);
      expect(
        external.map((s) => s.getAttribute('type')),
        id,
      ).toEqual(hasCode ? ['module', 'module'] : ['module']);
      modules.add(external[0]!.getAttribute('src')!);
      if (hasCode) copyScripts.add(external[1]!.getAttribute('src')!);
      expect(
        scripts.filter((s) => !s.hasAttribute('src')).map((s) => s.textContent),
        id,
      ).toEqual([headScript]);
    }
    expect(modules.size).toBe(1);
    expect(copyScripts.size).toBe(1);
    const [module] = [...modules];
    const code = await readFile(join(distDir, module!), 'utf8');
    // Self-contained: it imports no other chunk, so a note page makes one script request. The one
    // `import()` is of the URL the service worker posts after an update (the update notice).
    for (const file of [module!, ...copyScripts]) {
      expect(await readFile(join(distDir, file), 'utf8'), file).not.toMatch(
        /\bimport\s*(?:\(\s*)?["'`{*]|\bfrom\s*["']/,
      );
    }
    const gz = gzipSync(headScript, { level: 9 }).length + gzipSync(code, { level: 9 }).length;
    console.log(`note page JavaScript: inline head script + ${module} = ${gz} bytes gzipped`);
    expect(gz).toBeLessThanOrEqual(1536);
  });

  test('the IAM note: sidebar marks it, the contents list has h2–h4 including headings inside the callout', async () => {
    const page = await readPage('notes/iam/index.html');
    expect(page.querySelector('.sidebar [aria-current="page"]')?.getAttribute('href')).toBe('/notes/iam/');
    const toc = [...page.querySelectorAll('nav.toc a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(toc).toEqual(
      expect.arrayContaining([
        ['アクセスキー', '#アクセスキー'],
        [
          '一時的なセキュリティ認証情報 (temporary security credentials)',
          '#一時的なセキュリティ認証情報-(temporary-security-credentials)',
        ],
        ['AssumeRole', '#assumerole'],
      ]),
    );
    const callout = page.querySelector('aside.msg');
    expect(callout?.querySelector('#assumerole')?.tagName).toBe('H4');
    expect(page.querySelectorAll('.link-card')).toHaveLength(3);
    expect(page.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/notes/edge-services/');
  });

  test('the ECS note renders its table, its two callouts and the FireLens section', async () => {
    const page = await readPage('notes/ecs/index.html');
    expect(page.querySelectorAll('aside.msg')).toHaveLength(2);
    expect([...page.querySelectorAll('table tbody tr td:first-child')].map((td) => td.textContent)).toContain(
      'awsfirelens',
    );
    // Zenn's id for it: punctuation kept, spaces to -.
    expect(page.getElementById('<-aws-firelens->')?.tagName).toBe('H3');
    expect(page.getElementById('<-aws-firelens->')?.textContent).toBe('< AWS Firelens >');
  });
});

describe('site files', () => {
  test('the home page lists every note under its category, with its description', async () => {
    const page = await readPage('index.html');
    const links = [...page.querySelectorAll('.note-list a')].map((a) => a.getAttribute('href'));
    expect(links.sort()).toEqual(noteIds.map((id) => `/notes/${id}/`).sort());
    expect(page.querySelector('.intro')?.textContent).toContain('AWSにおいて備忘録を残す。');
  });

  test('robots.txt points at the sitemap, which lists every note', async () => {
    const robots = await readFile(join(distDir, 'robots.txt'), 'utf8');
    expect(robots).toContain(`Sitemap: ${new URL('sitemap-index.xml', site).href}`);
    const sitemap = await readFile(join(distDir, 'sitemap-0.xml'), 'utf8');
    for (const id of noteIds) expect(sitemap).toContain(new URL(`/notes/${id}/`, site).href);
    expect(sitemap).not.toContain('404');
  });

  test('the 404 page asks search engines not to index it', async () => {
    const page = await readPage('404.html');
    expect(page.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(page.querySelector('h1')?.textContent).toBe('ページが見つかりません');
  });
});
