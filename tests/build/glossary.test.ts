import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sortTerms } from '../../src/glossary/collation.ts';
import { loadGlossary, type Glossary } from '../../src/notes/glossary.ts';
import { createNoteIndex } from '../../src/notes/note-index.ts';
import { siteConfig } from '../../src/site-config.ts';
import { assertBuilt, distDir, listDistFiles, listHtmlPages, readPage } from '../support/dist.ts';
import { readAtom } from '../support/atom.ts';
import { childEnv } from '../support/child-env.ts';
import { commitDatesOf } from '../support/git-log.ts';
import { textOf } from '../support/html.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
const pageOf = (href: string) => `${decodeURI(href.split('#')[0]!).replace(/^\//, '')}index.html`;

let glossary: Glossary;
beforeAll(async () => {
  assertBuilt();
  glossary = await loadGlossary(createNoteIndex({ root: projectRoot, contentDir: siteConfig.contentDir }));
});

describe('用語集 page', () => {
  test('lists every declared term once, in Japanese collation order, with its definition and a link that lands on the defining section', async () => {
    const declared = [...glossary.notes.values()].flatMap((note) => note.declarations.map((d) => d.declaration.term));
    const page = await readPage('glossary/index.html');
    const entries = [...page.querySelectorAll('.glossary-entry')];
    const listed = entries.map((entry) => textOf(entry.querySelector('dt')));
    expect(listed.length).toBe(declared.length);
    expect(new Set(listed)).toEqual(new Set(declared));
    expect(listed).toEqual(sortTerms(glossary.terms).map((t) => t.term));
    expect([...page.querySelectorAll('.glossary-group h2')].map((h) => h.textContent)).toEqual(
      expect.arrayContaining(['A', 'S', 'あ', 'か']),
    );

    for (const entry of entries) {
      const term = glossary.terms.find((t) => t.term === textOf(entry.querySelector('dt')))!;
      expect(textOf(entry.querySelector('.glossary-definition'))).toBe(term.definition);
      const href = entry.querySelector('dt a')!.getAttribute('href')!;
      const target = await readPage(pageOf(href));
      const section = target.getElementById(decodeURIComponent(href.split('#')[1]!));
      expect(section, `${term.term} → ${href}`).not.toBeNull();
      // The definition is the author's sentence, on the note page itself.
      expect(textOf(target.querySelector('main'))).toContain(term.definition);
    }
  });
});

describe('term links in notes', () => {
  test('the first mention of a term elsewhere links to its definition, with the preview and a description for screen readers', async () => {
    const page = await readPage('notes/ecs/index.html');
    const link = [...page.querySelectorAll('a.term-link')].find((a) => a.textContent === 'Kinesis Data Streams')!;
    expect(link).toBeDefined();
    expect(decodeURI(link.getAttribute('href')!)).toBe('/notes/kinesis/#term-kinesis-data-streams');
    expect(link.getAttribute('data-preview')).toContain(
      'ストリームデータを処理するためのアプリケーションを独自に構築。',
    );
    const description = page.getElementById(link.getAttribute('aria-describedby')!);
    expect(description?.textContent).toContain('ストリームデータを処理するためのアプリケーションを独自に構築。');
  });

  test('on every note: at most one auto link per term, never in headings, code, link cards or other links, and every link resolves', async () => {
    const pages = (await listHtmlPages()).filter((file) => file.startsWith('notes/'));
    let total = 0;
    for (const file of pages) {
      const page = await readPage(file);
      const links = [...page.querySelectorAll('a.term-link')];
      total += links.length;
      const terms = links.map((a) => a.getAttribute('aria-describedby'));
      expect(new Set(terms).size, file).toBe(terms.length);
      expect(
        page.querySelector(
          'h1 .term-link, h2 .term-link, h3 .term-link, h4 .term-link, code .term-link, pre .term-link, a .term-link, .link-card .term-link',
        ),
        file,
      ).toBeNull();
      for (const link of links) {
        const href = link.getAttribute('href')!;
        const target = href.startsWith('#') ? page : await readPage(pageOf(href));
        expect(target.getElementById(decodeURIComponent(href.split('#')[1]!)), `${file}: ${href}`).not.toBeNull();
        expect(page.getElementById(link.getAttribute('aria-describedby')!), file).not.toBeNull();
      }
    }
    expect(total).toBeGreaterThan(10);
  });
});

describe('related notes and history', () => {
  test('every note’s backlinks are exactly the notes whose text links to it, as built', async () => {
    // The oracle is the built HTML: the links inside each note's text (term links and plain links).
    const ids = [...glossary.notes.keys()];
    const linkingTo = new Map(ids.map((id) => [id, new Set<string>()]));
    const listed = new Map<string, Set<string>>();
    for (const id of ids) {
      const page = await readPage(`notes/${id}/index.html`);
      for (const link of page.querySelectorAll('.prose a[href^="/notes/"]')) {
        const target = /^\/notes\/([^/#]+)\//.exec(link.getAttribute('href')!)?.[1];
        if (target && target !== id) linkingTo.get(decodeURIComponent(target))?.add(id);
      }
      const backlinks = [...page.querySelectorAll('[data-related="backlinks"] a')].map((a) => a.getAttribute('href'));
      listed.set(id, new Set(backlinks.map((href) => /^\/notes\/([^/]+)\/$/.exec(href!)![1]!)));
    }
    expect(listed).toEqual(linkingTo);
    expect([...linkingTo.values()].filter((from) => from.size > 0).length).toBeGreaterThan(3);
  });

  test('a note lists the notes linking to it and the notes sharing its topics', async () => {
    const kinesis = await readPage('notes/kinesis/index.html');
    const backlinks = [...kinesis.querySelectorAll('[data-related="backlinks"] a')].map((a) => a.getAttribute('href'));
    expect(backlinks).toContain('/notes/ecs/');
    const cloudfront = await readPage('notes/cloudfront/index.html');
    const sharing = [...cloudfront.querySelectorAll('[data-related="topics"] li')].map((li) => textOf(li));
    expect(sharing.some((text) => text.startsWith('エッジサービス') && text.includes('CloudFront'))).toBe(true);
  });

  test('every note shows its last update: the day of a commit of its file (the memo is in git), as a date', async () => {
    // Without git history only notes with frontmatter `updated` show one: the control build below.
    // Which commit counts (a pure rename does not) is tests/unit/git-dates.test.ts.
    const notes = (await listHtmlPages()).filter((f) => f.startsWith('notes/'));
    expect(notes.length).toBeGreaterThan(10);
    for (const file of notes) {
      const id = file.split('/')[1]!;
      const time = (await readPage(file)).querySelector('.note-updated time');
      expect(time?.getAttribute('data-source'), file).toBe('git');
      const days = commitDatesOf(`${siteConfig.contentDir}/notes/${id}.md`).map((date) =>
        new Date(date).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }),
      );
      expect(days, file).toContain(time?.getAttribute('datetime'));
      expect(time?.textContent, file).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    }
  });
});

describe('復習 page', () => {
  test('has a card for every term, and its JavaScript is external, small, and on no other page', async () => {
    const page = await readPage('review/index.html');
    expect(page.querySelectorAll('[data-review-deck] li').length).toBe(glossary.terms.length);
    const scripts = [...page.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')!);
    const reviewScripts = scripts.filter((src) => src.includes('review'));
    expect(reviewScripts.length).toBe(1);
    expect(page.querySelectorAll('script:not([src])').length).toBe(1); // only the theme's head script
    const files = (await listDistFiles()).filter((file) => /^_astro\/review.*\.js$/.test(file));
    let gz = 0;
    for (const file of files) gz += gzipSync(await readFile(join(distDir, file)), { level: 9 }).length;
    console.log(`review page JavaScript: ${files.join(' + ')} = ${gz} bytes gzipped`);
    // ts-fsrs is ~6.7 KB of it; self-contained, so the page makes one request for it.
    expect(files).toHaveLength(1);
    expect(await readFile(join(distDir, files[0]!), 'utf8')).not.toMatch(/\bimport\s*[("'{*]|\bfrom\s*["']/);
    expect(gz).toBeLessThan(12 * 1024);
    for (const file of await listHtmlPages()) {
      if (file === 'review/index.html') continue;
      const html = await readFile(join(distDir, file), 'utf8');
      expect(html.includes('/_astro/review'), file).toBe(false);
    }
  });
});

describe('a broken glossary stops the build', () => {
  const copy = join(projectRoot, 'tests', '.tmp', `glossary-build-${process.pid}`);
  afterAll(() => rm(copy, { recursive: true, force: true }));

  const astroBuild = (env: Record<string, string> = {}) => {
    const result = spawnSync(join(copy, 'node_modules', '.bin', 'astro'), ['build'], {
      cwd: copy,
      encoding: 'utf8',
      timeout: 120_000,
      env: childEnv(env),
    });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  };

  test('control: the copy builds; with REPO_URL notes get an edit link, and without git history the frontmatter date is shown, in the feed too, and a note without one is not in the feed', async () => {
    await mkdir(copy, { recursive: true });
    for (const entry of ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
      await cp(join(projectRoot, entry), join(copy, entry), { recursive: true });
    }
    await symlink(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
    // The copy is untracked (tests/.tmp is ignored), so git has no date for its notes.
    const vpc = join(copy, 'content', 'notes', 'vpc.md');
    await writeFile(vpc, (await readFile(vpc, 'utf8')).replace('order: 1\n', 'order: 1\nupdated: 2024-05-01\n'));
    const { status, output } = astroBuild({ REPO_URL: 'https://github.com/example/aws-memo/' });
    expect(status, output.slice(-2000)).toBe(0);
    const html = await readFile(join(copy, 'dist', 'notes', 'vpc', 'index.html'), 'utf8');
    expect(html).toContain('href="https://github.com/example/aws-memo/edit/main/content/notes/vpc.md"');
    expect(html).toMatch(/最終更新: <time datetime="2024-05-01"[^>]*>2024年5月1日<\/time>/);
    const iam = await readFile(join(copy, 'dist', 'notes', 'iam', 'index.html'), 'utf8');
    expect(iam).not.toContain('最終更新'); // no git date and no frontmatter date: nothing made up
    // The feed dates the note as its page does, and leaves out a note whose page shows no date
    // (not its file's time: every file of a fresh checkout has the checkout's).
    const feed = readAtom(await readFile(join(copy, 'dist', 'atom.xml'), 'utf8'));
    expect(feed.entries.map((entry) => [entry.id.replace(/^.*\/notes\//, ''), entry.updated])).toEqual([
      ['vpc/', '2024-05-01T00:00:00.000Z'],
    ]);
  });

  test('a term declared twice fails `astro build`, naming both files and lines', async () => {
    await writeFile(
      join(copy, 'content', 'notes', 'zz-duplicate.mdx'),
      '---\ntitle: "重複"\ndescription: "d"\ncategory: "コンテナ"\norder: 9\nterms:\n  - term: IAMロール\n    definition: 別の定義。\n---\n別の定義。\n',
    );
    const { status, output } = astroBuild();
    expect(status, output.slice(-2000)).not.toBe(0);
    expect(output).toMatch(
      /content\/notes\/zz-duplicate\.mdx:7: the term "IAMロール" is declared twice, here and at content\/notes\/iam\.md:\d+/,
    );
  });
});
