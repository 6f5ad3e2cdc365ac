/** Which files are notes, their ids, what a zenn-cli book gives its chapters, and MDX pitfalls found early. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { mdxPitfalls } from '../../src/notes/mdx-pitfalls.ts';
import { deepestNesting, MAX_NESTING, MAX_NOTE_BYTES, noteLimitProblem } from '../../src/notes/note-limits.ts';
import {
  chapterPosition,
  ignoredBookFiles,
  listNoteFiles,
  noteIdOf,
  readBook,
  sourceData,
  type Book,
} from '../../src/notes/note-sources.ts';

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function contentFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(import.meta.dirname, '..', '.tmp', 'content-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('note files and ids', () => {
  test('notes/, articles/ and books/ hold notes; hidden files, configs and images do not', async () => {
    const dir = await contentFolder({
      'intro.mdx': '',
      'notes/iam.mdx': '',
      'notes/aws/vpc.md': '',
      'notes/.draft.md': '',
      'notes/.hidden/x.md': '',
      'articles/zenn-intro.md': '',
      'articles/sub/nested.md': '',
      'books/aws-book/config.yaml': 'title: x',
      'books/aws-book/1.intro.md': '',
      'books/aws-book/cover.png': '',
      'images/diagram.png': '',
    });
    expect(listNoteFiles(dir)).toEqual([
      'articles/zenn-intro.md',
      'books/aws-book/1.intro.md',
      'notes/aws/vpc.md',
      'notes/iam.mdx',
    ]);
  });

  test.each([
    ['notes/iam.mdx', 'iam'],
    ['notes/My Note.md', 'my-note'],
    ['notes/Foo.mdx', 'foo'],
    ['notes/aws/IAM.md', 'aws/iam'],
    ['notes/aws/index.mdx', 'aws'],
    ['notes/認証.md', '認証'],
    // Decomposed (NFD, as macOS writes file names): the id is composed (NFC), as links are typed.
    ['notes/ガイド.md'.normalize('NFD'), 'ガイド'],
    ['books/ガイド本/1.はじめに.md'.normalize('NFD'), 'ガイド本/はじめに'],
    ['articles/zenn-intro.md', 'zenn-intro'],
    ['books/aws-book/1.intro.md', 'aws-book/intro'],
    ['books/aws-book/intro.md', 'aws-book/intro'],
    ['books/aws-book/1234.md', 'aws-book/1234'],
  ])('%s is the note %s', (entry, id) => expect(noteIdOf(entry)).toBe(id));
});

describe('zenn-cli books', () => {
  const book = (chapters?: string[]): Book => ({
    slug: 'b',
    title: 'B',
    summary: '',
    topics: [],
    published: true,
    chapters,
  });
  test.each([
    [book(['about', 'test', '1.one']), 'about.md', 0],
    [book(['about', 'test', '1.one']), '1.one.md', 2],
    [book(['about']), 'conclusion.md', undefined],
    [book(), '1.about.md', 1],
    [book(), '999.conclusion.md', 999],
    [book(), 'conclusion.md', undefined],
    [book(), '9.md', undefined],
  ])('chapter position (%#): %s → %s', (b, file, position) => expect(chapterPosition(b, file)).toBe(position));

  // zenn-cli's own example books (tests/fixtures/zenn-cli/books/chapter-by-*, see its README.md).
  const examples = join(import.meta.dirname, '..', 'fixtures', 'zenn-cli');
  const chaptersOf = (book: string) =>
    listNoteFiles(examples)
      .filter((entry) => entry.startsWith(`books/${book}/`))
      .map((entry) => [entry.split('/')[2]!, sourceData(examples, entry, {}).order])
      .sort(([, a], [, b]) => Number(a) - Number(b));

  test('without `chapters`, the chapters are the <n>.<slug>.md files, by n; conclusion.md and 9.md are not notes', () => {
    expect(chaptersOf('chapter-by-filename')).toEqual([
      ['1.about.md', 1],
      ['2.hello-world.md', 2],
      ['3.c++.md', 3],
      ['3.cpp.md', 3],
      ['4.exmple-images.md', 4],
      ['999.conclusion.md', 999],
    ]);
  });

  test('with `chapters`, the listed files in its order; an unlisted file is not a note', () => {
    expect(chaptersOf('chapter-by-config')).toEqual([
      ['about.md', 0],
      ['test.md', 1],
      ['conclusion.md', 2],
      ['1234.md', 3],
      ['1.one.md', 4],
    ]);
  });

  test('the files a book leaves out are listed apart (the loader never reads them); a hidden book is nothing', () => {
    expect(ignoredBookFiles(examples)).toEqual([
      'books/aws-book/unlisted.md',
      'books/chapter-by-config/nothing.md',
      'books/chapter-by-filename/9.md',
      'books/chapter-by-filename/conclusion.md',
    ]);
  });

  test.each([
    ['an empty chapters list orders by file name', 'title: x\nchapters: []\n', ['books/b/1.a.md']],
    ['a hidden book is no book', null, []],
    [
      'a book without config.yaml keeps its files, so the loader reports the missing config',
      '',
      ['books/b/1.a.md', 'books/b/x.md'],
    ],
  ])('%s', async (_, config, expected) => {
    const book = config === null ? '.b' : 'b';
    const dir = await contentFolder({
      ...(config ? { [`books/${book}/config.yaml`]: config } : {}),
      [`books/${book}/1.a.md`]: '',
      [`books/${book}/x.md`]: '',
    });
    expect(listNoteFiles(dir)).toEqual(expected);
  });

  test('a chapter gets its book, category, order and topics; an unlisted chapter or unpublished book is a draft', async () => {
    const dir = await contentFolder({
      'books/aws/config.yaml': 'title: はじめてのAWS\nsummary: 三章の本\ntopics: [aws]\nchapters: [intro, iam]\n',
      'books/draft/config.yaml': 'title: 下書きの本\npublished: false\n',
    });
    expect(sourceData(dir, 'books/aws/iam.md', { title: 'IAM' })).toEqual({
      title: 'IAM',
      book: { slug: 'aws', title: 'はじめてのAWS', summary: '三章の本' },
      category: 'はじめてのAWS',
      order: 1,
      topics: ['aws'],
      published: true,
    });
    expect(sourceData(dir, 'books/aws/extra.md', { title: 'x' })).toMatchObject({ published: false });
    expect(sourceData(dir, 'books/draft/1.a.md', { title: 'x' })).toMatchObject({ published: false });
    expect(sourceData(dir, 'notes/iam.md', { title: 'x' })).toEqual({ title: 'x' });
  });

  test.each([
    { config: undefined, message: 'books/b/config.yaml:1: the book "b" has no config.yaml' },
    { config: 'summary: no title\n', message: 'books/b/config.yaml:1: title:' },
    { config: 'title: x\nchapter: [a]\n', message: 'unknown field "chapter"' },
    { config: 'title: x\nchapters: a\n', message: 'books/b/config.yaml:2: chapters:' },
    { config: 'title: [unclosed\n', message: 'not valid YAML' },
  ])('a bad config.yaml fails with its file and line: $message', async ({ config, message }) => {
    const dir = await contentFolder(
      config === undefined ? { 'books/b/1.a.md': '' } : { 'books/b/config.yaml': config },
    );
    expect(() => readBook(dir, 'b')).toThrow(message);
  });
});

describe('MDX pitfalls, found before MDX fails on them', () => {
  test.each([
    { source: '参照 <https://aws.amazon.com/> を読む', line: 1, problem: 'is an autolink' },
    { source: '---\ntitle: x\n---\n\n<http://example.com/a?b=c>', line: 5, problem: 'is an autolink' },
    { source: '本文\n<!-- メモ -->', line: 2, problem: 'an HTML comment' },
  ])('$source', ({ source, line, problem }) => {
    const [found] = mdxPitfalls(source);
    expect(found).toMatchObject({ line });
    expect(found!.problem).toContain(problem);
    expect(found!.fix).toContain('rename the note to .md');
  });

  test.each([
    '`<https://example.com/>` in code',
    '```md\n<https://example.com/>\n<!-- x -->\n```',
    '~~~\n<!-- x -->\n~~~',
    '[リンク](https://example.com/) と https://example.com/',
    '<Callout>本文</Callout>',
  ])('%j is fine', (source) => expect(mdxPitfalls(source)).toEqual([]));
});

describe('notes too big or too deep for the Markdown parser', () => {
  /** A list nested `depth` deep, each level indented `step` more. */
  const nested = (depth: number, step = 2) =>
    Array.from({ length: depth }, (_, i) => `${' '.repeat(step * i)}- 項目${i + 1}`).join('\n');

  test.each([
    ['a plain paragraph', '本文。\n次の行。', 0],
    ['a list nested 3 deep', nested(3), 3],
    ['a list nested 40 deep, 2 spaces a level', nested(40), 40],
    ['a list nested 40 deep, 4 spaces a level', nested(40, 4), 40],
    ['a list nested 40 deep, tabs', Array.from({ length: 40 }, (_, i) => `${'\t'.repeat(i)}- x`).join('\n'), 40],
    ['40 markers on one line', `${'- '.repeat(40)}x`, 40],
    ['ordered markers on one line', `${'1. '.repeat(40)}x`, 40],
    ['40 quotes', `${'> '.repeat(40)}x`, 40],
    ['quotes and lists mixed', `${'> - '.repeat(20)}x`, 40],
    [
      'lazy lines between the levels',
      Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- a\nlazy`).join('\n'),
      40,
    ],
    ['siblings stay one level', '- a\n- b\n- c\n  - d\n- e', 2],
    ['a list after a list', `${nested(3)}\n\n本文\n\n${nested(2)}`, 3],
    ['a deep list inside fenced code', `\`\`\`md\n${nested(40)}\n\`\`\`\n- x`, 1],
    ['a thematic break of dashes', `${'- '.repeat(40)}`, 0],
    ['emphasis, not a list', '*強調* と **太字**', 0],
  ])('%s: %i deep', (_name, source, depth) => expect(deepestNesting(source).depth).toBe(depth));

  test('the deepest line is the one named, counted from the top of the file', () => {
    expect(noteLimitProblem(`---\ntitle: x\n---\n${nested(40)}\n\n本文`)).toMatchObject({
      line: 3 + 40,
      problem: expect.stringContaining(`nest 40 deep here, more than the ${MAX_NESTING} levels`),
    });
  });

  test('a note at the limits is fine; one byte or level more is not', () => {
    expect(noteLimitProblem(nested(MAX_NESTING))).toBeUndefined();
    expect(noteLimitProblem(nested(MAX_NESTING + 1))).toBeDefined();
    expect(noteLimitProblem('あ'.repeat(MAX_NOTE_BYTES / 3) + 'a')).toBeUndefined();
    expect(noteLimitProblem('あ'.repeat(MAX_NOTE_BYTES / 3) + 'ab')).toMatchObject({
      line: 1,
      problem: expect.stringContaining('more than the 4 MiB a note may be'),
    });
  });

  test.each(['tests/fixtures/aws-memo.zenn.md', 'content/notes/iam.md', 'content/notes/ecs.md'])(
    'the real note %s is far from the limits',
    (file) => {
      const source = readFileSync(join(import.meta.dirname, '..', '..', file), 'utf8');
      expect(noteLimitProblem(source)).toBeUndefined();
      expect(deepestNesting(source).depth).toBeLessThanOrEqual(3);
    },
  );
});
