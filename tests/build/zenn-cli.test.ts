/**
 * A zenn-cli repository's `articles/` and `books/` copied into `content/` build unchanged
 * (tests/fixtures/zenn-cli: articles with Zenn frontmatter, a book of three chapters plus one the
 * config leaves out, a draft, and zenn-cli's own two example books: see books/README.md there),
 * and render as Zenn renders them.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { siteConfig } from '../../src/site-config.ts';
import { textOf } from '../support/html.ts';
import { expectAssistantFiles, readLlmsTxt, readMarkdownFile } from '../support/llms-txt.ts';
import { projectRoot, throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

const fixture = join(projectRoot, 'tests', 'fixtures', 'zenn-cli');
let site: ThrowawaySite;
let output = '';

beforeAll(async () => {
  site = await throwawaySite({ copyContentFrom: fixture });
  const result = await site.build();
  output = result.output;
  expect(result.ok, output.slice(-3000)).toBe(true);
}, 180_000);
afterAll(() => site?.remove());

const page = async (path: string) =>
  parseHTML(await readFile(join(site.dir, 'dist', path), 'utf8')).document as unknown as Document;
const exists = (path: string) =>
  readFile(join(site.dir, 'dist', path)).then(
    () => true,
    () => false,
  );

describe('a zenn-cli repository in content/', () => {
  test('articles are notes at /notes/<slug>/, with their title, emoji and the first paragraph as description', async () => {
    const doc = await page('notes/iam-basics/index.html');
    expect(textOf(doc.querySelector('h1'))).toBe('IAMの基本を3分で');
    expect(doc.querySelector('.note-emoji')?.textContent).toBe('🔐');
    expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')).toBe(
      'IAMはAWSリソースへのアクセスを管理するサービスです。ユーザー、グループ、ロール、ポリシーの4つを押さえれば十分です。',
    );
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
  });

  test('the article renders as on Zenn: # is a section, braces and < are text, raw HTML is text, comments are gone', async () => {
    const doc = await page('notes/iam-basics/index.html');
    const prose = doc.querySelector('.prose')!;
    expect([...prose.querySelectorAll('h2, h3')].map((h) => [h.tagName, textOf(h)])).toEqual([
      ['H2', 'ポリシー'],
      ['H3', 'ロール'],
      ['H2', '脚注'],
    ]);
    expect(textOf(prose)).toContain('{ と } で囲みます。1024 < 65535 のような比較');
    expect(textOf(prose)).toContain('<div class="note">このタグは文字として表示されます</div>');
    expect(prose.querySelector('div.note')).toBeNull();
    expect(prose.innerHTML).not.toContain('下書きメモ');
    expect(prose.querySelector('aside.msg.info')).not.toBeNull();
    expect(textOf(prose.querySelector('details.details summary'))).toBe('ポリシーの例');
    expect(textOf(prose.querySelector('.code-title'))).toBe('policy.json');
    expect(
      prose.querySelector('a[href="https://docs.aws.amazon.com/ja_jp/IAM/latest/UserGuide/introduction.html"]'),
    ).not.toBeNull();
    expect(prose.querySelector('.link-card a[href="https://aws.amazon.com/jp/iam/"]')).not.toBeNull();
    expect(prose.querySelectorAll('section[data-footnotes] li')).toHaveLength(2);
    // The 目次 lists the sections, not the footnotes' title.
    expect([...doc.querySelectorAll('nav.toc a')].map((a) => textOf(a))).toEqual(['ポリシー', 'ロール']);
  });

  test('a book is a section of the home page, with its summary, its chapters in the config’s order', async () => {
    const home = await page('index.html');
    const sections = [...home.querySelectorAll('section.category')];
    const book = sections.find((section) => textOf(section.querySelector('h2')) === 'はじめてのAWS')!;
    expect(book).toBeDefined();
    expect(textOf(book.querySelector('.book-summary'))).toBe('AWSの基本を三章で学ぶ本です。');
    expect([...book.querySelectorAll('.note-list > li > a')].map((a) => a.getAttribute('href'))).toEqual([
      '/notes/aws-book/intro/',
      '/notes/aws-book/network/',
      '/notes/aws-book/security/',
    ]);
    const network = await page('notes/aws-book/network/index.html');
    expect(textOf(network.querySelector('.note-category'))).toBe('はじめてのAWS');
    expect(network.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/notes/aws-book/intro/');
    expect(network.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/notes/aws-book/security/');
    // A link to another chapter previews it.
    expect(network.querySelector('.prose a.note-link')?.getAttribute('data-preview')).toBe(
      'この本ではAWSの基本を学びます。（はじめに）',
    );
  });

  // zenn-cli's example books, in zenn-cli's order. The files it leaves out (conclusion.md with
  // `title: ''`, 9.md, nothing.md, unlisted.md with an unknown ::: block) would each fail the build
  // if they were read: that the build passes shows they are not.
  test.each([
    {
      book: 'ファイル名でチャプターの並び順を指定する本',
      chapters: ['about', 'hello-world', 'c', 'cpp', 'exmple-images', 'conclusion'].map(
        (slug) => `/notes/chapter-by-filename/${slug}/`,
      ),
    },
    {
      book: '設定ファイルでチャプターの並び順を指定する本',
      chapters: ['about', 'test', 'conclusion', '1234', 'one'].map((slug) => `/notes/chapter-by-config/${slug}/`),
    },
  ])('zenn-cli’s example book $book lists its chapters in Zenn’s order', async ({ book, chapters }) => {
    const home = await page('index.html');
    const section = [...home.querySelectorAll('section.category')].find((s) => textOf(s.querySelector('h2')) === book);
    expect([...section!.querySelectorAll('.note-list > li > a')].map((a) => a.getAttribute('href'))).toEqual(chapters);
    const last = await page(`${chapters.at(-1)!.slice(1)}index.html`);
    expect(last.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe(chapters.at(-2));
  });

  test('a book’s unnumbered or unlisted files are no pages', async () => {
    for (const path of ['chapter-by-filename/9', 'chapter-by-config/nothing', 'aws-book/unlisted']) {
      expect(await exists(`notes/${path}/index.html`), path).toBe(false);
    }
    // /notes/chapter-by-filename/conclusion/ is 999.conclusion.md, not the unnumbered conclusion.md.
    const conclusion = await page('notes/chapter-by-filename/conclusion/index.html');
    expect(textOf(conclusion.querySelector('h1'))).toBe('おわりに');
  });

  test('articles without a category are listed under その他, oldest first', async () => {
    const home = await page('index.html');
    const other = [...home.querySelectorAll('section.category')].find(
      (s) => textOf(s.querySelector('h2')) === 'その他',
    )!;
    expect([...other.querySelectorAll('.note-list > li > a')].map((a) => textOf(a))).toEqual([
      '🌐VPCのメモ',
      '🔐IAMの基本を3分で',
    ]);
  });

  test('a draft and a chapter the book leaves out are not built, searched or in the sitemap', async () => {
    expect(await exists('notes/draft-article/index.html')).toBe(false);
    expect(await exists('notes/aws-book/unlisted/index.html')).toBe(false);
    const sitemap = await readFile(join(site.dir, 'dist', 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/notes/iam-basics/');
    expect(sitemap).not.toContain('draft-article');
    expect(sitemap).not.toContain('unlisted');
    const home = await readFile(join(site.dir, 'dist', 'index.html'), 'utf8');
    expect(home).not.toContain('書きかけの下書き記事');
    expect(home).not.toContain('設定にない章');
    // The five published notes, the example books' eleven chapters, and nothing else.
    expect(output).toMatch(/indexed 16 pages/);
  });

  test('/llms.txt lists the articles and the book’s chapters, each with its own Markdown; drafts nowhere', async () => {
    const dist = join(site.dir, 'dist');
    await expectAssistantFiles({ dist, content: join(site.dir, 'content'), siteUrl: siteConfig.siteUrl });
    const llms = readLlmsTxt(await readFile(join(dist, 'llms.txt'), 'utf8'));
    const book = llms.sections.find((section) => section.title === 'はじめてのAWS');
    expect(book?.links.map((link) => new URL(link.url).pathname)).toEqual([
      '/notes/aws-book/intro.md',
      '/notes/aws-book/network.md',
      '/notes/aws-book/security.md',
    ]);
    // The five published notes and the example books' eleven chapters, as the index has them.
    expect(llms.sections.flatMap((section) => section.links)).toHaveLength(16);
    expect(await exists('notes/draft-article.md')).toBe(false);
    expect(await exists('notes/aws-book/unlisted.md')).toBe(false);
    // No file of the build holds a draft's text or title.
    for (const file of await readdir(dist, { recursive: true })) {
      const text = await readFile(join(dist, file)).then(
        (bytes) => bytes.toString('utf8'),
        () => '', // a folder
      );
      for (const draft of ['書きかけの下書き記事', 'まだ公開しない内容', '設定にない章', 'chapters にないので']) {
        expect(text.includes(draft), `${file} holds "${draft}"`).toBe(false);
      }
    }
  });

  test('the site builds without content/intro and content/notes', async () => {
    const home = await page('index.html');
    expect(home.querySelector('.intro')).toBeNull();
  });
});

describe('astro dev', () => {
  test('shows a draft, marked 下書き, and serves /llms.txt and each note’s Markdown', async () => {
    const dev = await site.dev();
    try {
      const response = await fetch(`${dev.url}notes/draft-article/`);
      expect(response.status).toBe(200);
      const doc = parseHTML(await response.text()).document;
      expect(textOf(doc.querySelector('h1'))).toBe('書きかけの下書き記事');
      expect(textOf(doc.querySelector('.draft-badge'))).toContain('下書き');
      // The author's preview has its Markdown, as its copy button needs.
      const markdown = await fetch(`${dev.url}notes/draft-article.md`);
      expect(markdown.status).toBe(200);
      expect(await markdown.text()).toContain('まだ公開しない内容。');
      // /llms.txt and each note's Markdown, in UTF-8.
      const llms = await fetch(`${dev.url}llms.txt`);
      expect(llms.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await llms.text()).toContain('/notes/aws-book/network.md');
      const chapter = await fetch(`${dev.url}notes/aws-book/network.md`);
      expect(chapter.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      const source = await readFile(join(fixture, 'books', 'aws-book', 'network.md'), 'utf8');
      expect(readMarkdownFile(await chapter.text()).body.trim()).toBe(readMarkdownFile(source).body.trim());
    } finally {
      await dev.stop();
    }
  }, 180_000);

  // A build reads the note files once (noteFilesAreFixed); `astro dev` must keep reading them.
  test('a term declared in a note written while it runs is in the glossary a moment later', async () => {
    const dev = await site.dev();
    const notes = join(site.dir, 'content', 'notes');
    try {
      const glossary = async () => textOf(parseHTML(await (await fetch(`${dev.url}glossary/`)).text()).document.body);
      const before = await glossary();
      expect(before).toContain('用語集');
      expect(before).not.toContain('開発中の用語');
      await mkdir(notes, { recursive: true });
      await writeFile(
        join(notes, 'dev-term.md'),
        '---\ntitle: "書いている途中のノート"\ndescription: "d"\ncategory: "ID・アクセス管理"\norder: 9\nterms:\n  - 開発中の用語\n---\n\n## 開発中の用語\n\n書いている途中で増えた用語。\n',
      );
      await expect.poll(glossary, { timeout: 30_000, interval: 500 }).toContain('書いている途中で増えた用語。');
    } finally {
      await dev.stop();
      await rm(notes, { recursive: true, force: true });
    }
  }, 180_000);
});
