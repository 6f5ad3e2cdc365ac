/**
 * The note-page model: reading order, prev/next, the sidebar window, notes sharing topics and
 * backlinks, computed once for all pages. What keeps a note page the same size however many notes
 * the site has (docs/quality.md, scale): the sidebar shows only the note's category (a window of
 * it when long) and the related lists are capped.
 */
import { describe, expect, test } from 'vitest';
import { editUrlOf, MAX_RELATED, notePages } from '../../src/utils/note-pages.ts';
import {
  backlinkIndex,
  neighbours,
  sharingTopicsOf,
  sidebarView,
  siteNavigation,
  sortNotes,
  type NavNote,
} from '../../src/utils/navigation.ts';

const note = (id: string, category: string, order: number, topics: string[] = [], title = id): NavNote => ({
  id,
  data: { title, category, order, topics },
});
const ids = (notes: readonly NavNote[] | undefined) => notes?.map((n) => n.id);

const small = [
  note('kinesis', 'ストリーミング・分析', 1),
  note('cloudfront', 'エッジ・配信', 2),
  note('iam', 'ID・アクセス管理', 1),
  note('edge-services', 'エッジ・配信', 1),
  note('waf', 'エッジ・配信', 3),
  note('b', 'コンテナ', 1, [], 'いろは'),
  note('a', 'コンテナ', 1, [], 'あいう'),
];

describe('reading order and groups', () => {
  test('category list order, then order, then Japanese title order', () => {
    expect(ids(sortNotes(small))).toEqual(['iam', 'edge-services', 'cloudfront', 'waf', 'a', 'b', 'kinesis']);
  });

  test('notes alike in category, order and title (two chapters numbered 3, both "C++") go by id, whatever order they came in', () => {
    const cpp = note('book/cpp', 'コンテナ', 3, [], 'C++');
    const c = note('book/c', 'コンテナ', 3, [], 'C++');
    expect(ids(sortNotes([cpp, c]))).toEqual(['book/c', 'book/cpp']);
    expect(ids(sortNotes([c, cpp]))).toEqual(['book/c', 'book/cpp']);
  });

  test('groups keep the category order and leave out empty categories', () => {
    expect(siteNavigation(small).groups.map((g) => [g.category, ids(g.notes)])).toEqual([
      ['ID・アクセス管理', ['iam']],
      ['エッジ・配信', ['edge-services', 'cloudfront', 'waf']],
      ['コンテナ', ['a', 'b']],
      ['ストリーミング・分析', ['kinesis']],
    ]);
  });

  test.each([
    { id: 'iam', prev: undefined, next: 'edge-services' },
    { id: 'waf', prev: 'cloudfront', next: 'a' },
    { id: 'kinesis', prev: 'b', next: undefined },
    { id: 'missing', prev: undefined, next: undefined },
  ])('neighbours of $id', ({ id, prev, next }) => {
    const result = neighbours(siteNavigation(small), id);
    expect([result.prev?.id, result.next?.id]).toEqual([prev, next]);
  });
});

// 100 notes in コンテナ, 3 in ID・アクセス管理, 1 in ネットワーク.
const large = [
  ...Array.from({ length: 100 }, (_, i) => note(`c${i}`, 'コンテナ', i, i % 2 ? ['ECS'] : ['ECS', 'Docker'])),
  note('iam', 'ID・アクセス管理', 1, ['IAM']),
  note('sts', 'ID・アクセス管理', 2, ['IAM', 'STS']),
  note('policy', 'ID・アクセス管理', 3),
  note('vpc', 'ネットワーク', 1),
];
const nav = siteNavigation(large);

describe('a note page sidebar', () => {
  test('a short category is listed whole; the other categories link to their home page sections', () => {
    const view = sidebarView(nav, 'sts')!;
    expect(view.category).toBe('ID・アクセス管理');
    expect(ids(view.shown)).toEqual(['iam', 'sts', 'policy']);
    expect(view.total).toBe(3);
    expect(view.index).toBe(0);
    expect(view.others).toEqual([
      { category: 'ネットワーク', index: 1 },
      { category: 'コンテナ', index: 2 },
    ]);
  });

  test('a long category shows a window of 25 around the note, clamped at both ends', () => {
    const middle = sidebarView(nav, 'c50')!;
    expect(middle.total).toBe(100);
    expect(middle.shown).toHaveLength(25);
    expect(middle.shown[12]!.id).toBe('c50');
    expect(ids(sidebarView(nav, 'c0')!.shown.slice(0, 2))).toEqual(['c0', 'c1']);
    expect(sidebarView(nav, 'c99')!.shown.at(-1)!.id).toBe('c99');
    expect(sidebarView(nav, 'c99')!.shown).toHaveLength(25);
  });

  test('an unknown note has no sidebar view', () => {
    expect(sidebarView(nav, 'nope')).toBeUndefined();
  });
});

describe('related notes', () => {
  test('the topic index lists each topic’s notes in reading order', () => {
    expect(ids(nav.byTopic.get('IAM'))).toEqual(['iam', 'sts']);
    expect(nav.byTopic.get('Docker')).toHaveLength(50);
    expect(nav.byTopic.get('ECS')).toHaveLength(100);
  });

  test('notes sharing topics: most shared first, then reading order, itself left out, capped', () => {
    const sts = large.find((n) => n.id === 'sts')!;
    expect(sharingTopicsOf(nav, 10)(sts).map(({ note: n, shared }) => [n.id, shared])).toEqual([['iam', ['IAM']]]);
    const c0 = large.find((n) => n.id === 'c0')!;
    const sharing = sharingTopicsOf(nav, 10)(c0);
    expect(sharing).toHaveLength(10);
    expect(sharing.map(({ note: n }) => n.id)).toEqual([
      'c2',
      'c4',
      'c6',
      'c8',
      'c10',
      'c12',
      'c14',
      'c16',
      'c18',
      'c20',
    ]);
  });

  test('every note of a site with overlapping topics gets exactly the definition: most shared, then reading order, capped', () => {
    // A small pseudo-random site (fixed seed): 400 notes over 4 categories, each with 0–3 of 6
    // topics (a repeat now and then), so many notes share one ranking and some rank hundreds.
    let seed = 7;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % n);
    const pool = ['ECS', 'Docker', 'IAM', 'STS', 'VPC', 'S3'];
    const categories = ['コンテナ', 'ID・アクセス管理', 'ネットワーク', 'ストレージ'];
    const site = Array.from({ length: 400 }, (_, i) =>
      note(
        `n${i}`,
        categories[random(4)]!,
        random(50),
        Array.from({ length: random(4) }, () => pool[random(6)]!),
      ),
    );
    const siteNav = siteNavigation(site);
    const pages = notePages({ nav: siteNav, noteLinks: new Map(), config: { repoBranch: 'main' }, root: '/nowhere' });
    for (const page of pages) {
      const topics = new Set(page.note.data.topics);
      const expected = siteNav.sorted
        .filter((other) => other.id !== page.note.id && other.data.topics.some((t) => topics.has(t)))
        .map((other) => ({ note: other, shared: other.data.topics.filter((t) => topics.has(t)) }))
        .sort((a, b) => b.shared.length - a.shared.length)
        .slice(0, MAX_RELATED);
      expect(page.sharingTopics.map(({ note: n, shared }) => [n.id, shared])).toEqual(
        expected.map(({ note: n, shared }) => [n.id, shared]),
      );
      expect(sharingTopicsOf(siteNav, 3)(page.note)).toEqual(page.sharingTopics.slice(0, 3));
    }
    expect(pages.some((page) => page.sharingTopics.length === MAX_RELATED)).toBe(true);
    expect(pages.some((page) => page.sharingTopics.length === 0)).toBe(true);
  });

  test('backlinks invert the outgoing links; self links and repeats are dropped', () => {
    const index = backlinkIndex(
      new Map([
        ['ecs', ['kinesis', 'kinesis', 'ecs', 'nowhere']],
        ['elb', ['ecs', 'kinesis']],
        ['kinesis', []],
      ]),
    );
    expect(Object.fromEntries(index)).toEqual({ kinesis: ['ecs', 'elb'], ecs: ['elb'], nowhere: ['ecs'] });
  });
});

describe('the note-page model', () => {
  const pages = notePages({
    nav: siteNavigation([
      ...large.slice(0, 30),
      { ...note('iam', 'ID・アクセス管理', 1, ['IAM']), filePath: 'content/notes/iam.mdx' },
      note('sts', 'ID・アクセス管理', 2, ['IAM']),
    ]),
    noteLinks: new Map([
      ['sts', ['iam']],
      ...Array.from({ length: 30 }, (_, i) => [`c${i}`, ['iam']] as [string, string[]]),
    ]),
    config: { repoUrl: 'https://github.com/o/r', repoBranch: 'main' },
    root: '/nonexistent',
  });
  const iam = pages.find((page) => page.note.id === 'iam')!;

  test('one page per note, in reading order, each with its neighbours and sidebar', () => {
    expect(pages.map((page) => page.note.id).slice(0, 3)).toEqual(['iam', 'sts', 'c0']);
    expect([iam.prev?.id, iam.next?.id]).toEqual([undefined, 'sts']);
    expect(ids(iam.sidebar?.shown)).toEqual(['iam', 'sts']);
  });

  test('backlinks in reading order, capped so a page does not grow with the site', () => {
    expect(iam.backlinks).toHaveLength(MAX_RELATED);
    expect(ids(iam.backlinks)).toEqual(['sts', 'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
  });

  test('the edit link needs REPO_URL and the note’s file; each path segment is encoded', () => {
    expect(iam.editUrl).toBe('https://github.com/o/r/edit/main/content/notes/iam.mdx');
    expect(pages.find((page) => page.note.id === 'sts')!.editUrl).toBeUndefined();
    expect(editUrlOf({ repoUrl: undefined, repoBranch: 'main' }, 'content/notes/iam.mdx')).toBeUndefined();
    expect(editUrlOf({ repoUrl: 'https://g/o/r', repoBranch: 'dev' }, 'content/notes/認証 #1.mdx')).toBe(
      'https://g/o/r/edit/dev/content/notes/%E8%AA%8D%E8%A8%BC%20%231.mdx',
    );
  });

  test('without git history or a frontmatter date, no date is made up', () => {
    expect(iam.lastUpdated).toBeUndefined();
  });
});
