import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

/**
 * Bad input must stop `astro build` with the file, the line or field, and what to do. Each case
 * builds a throwaway site: the real `src/` and config, a good note, and one broken note.
 */
const made: ThrowawaySite[] = [];

const goodNote = `---
title: "良いノート"
description: "比較のための正しいノート。"
category: "ID・アクセス管理"
order: 1
---
## 見出し
本文。
`;

/** Builds a throwaway site with these notes beside the good one; `null` builds it without any notes. */
async function build(
  notes: Record<string, string> | null,
  { withGoodNote = true } = {},
): Promise<{ ok: boolean; output: string }> {
  const files = notes === null ? {} : { ...(withGoodNote ? { 'good.mdx': goodNote } : {}), ...notes };
  const site = await throwawaySite({
    content: Object.fromEntries(Object.entries(files).map(([name, text]) => [`notes/${name}`, text])),
  });
  made.push(site);
  return site.build();
}

const note = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n${body}\n`;
const fields = 'title: "壊れたノート"\ndescription: "壊れている。"\ncategory: "ネットワーク"\norder: 2';

afterAll(async () => {
  await Promise.all(made.map((site) => site.remove()));
});

describe('a broken note fails the build with a pointer to the fix', () => {
  test('control: the same throwaway site with only good notes builds', async () => {
    const result = await build({ 'other.mdx': note(fields, '[良いノートへ](/notes/good/#見出し)') });
    expect(result.output).toContain('every internal link resolves');
    expect(result.ok).toBe(true);
    // A clean build is quiet: a warning printed for every note would hide the one that matters.
    expect(result.output).not.toMatch(/\[WARN\]/);
  });

  test.each([
    {
      name: 'a category outside the list',
      text: note(fields.replace('ネットワーク', 'セキュリティ'), '本文'),
      expected: ['bad.mdx', 'category', 'category must be one of "ID・アクセス管理"', 'received "セキュリティ"'],
    },
    {
      name: 'a blank glossary alias (a full-width space)',
      text: note(`${fields}\nterms:\n  - term: 見出し\n    aliases: ["\\u3000"]`, '## 見出し\n\n見出しの説明。'),
      expected: ['bad.mdx', 'terms', 'an alias must not be blank'],
    },
    {
      name: 'a missing title',
      text: note(fields.replace('title: "壊れたノート"\n', ''), '本文'),
      expected: ['bad.mdx', 'title'],
    },
    {
      name: 'an unknown ::: block',
      text: note(fields, '## 見出し\n\n:::note\n本文\n:::'),
      expected: ['content/notes/bad.mdx:9: unknown block ":::note"', 'Accepted Zenn blocks: :::message'],
    },
    {
      name: 'a dead internal link',
      text: note(fields, '本文\n\n[どこにもない](/notes/nowhere/)'),
      expected: ['content/notes/bad.mdx:9: links to "/notes/nowhere/"', 'no page or file "/notes/nowhere/index.html"'],
    },
  ])('$name', async ({ text, expected }) => {
    const result = await build({ 'bad.mdx': text });
    expect(result.ok).toBe(false);
    for (const part of expected) expect(result.output).toContain(part);
  });
});

describe("the build refuses what would lose a note or run script in a reader's browser", () => {
  test.each([
    { name: 'two files, one slug (space and hyphen)', files: ['my note.mdx', 'my-note.mdx'], id: 'my-note' },
    { name: 'two files, one slug (case)', files: ['Foo.mdx', 'foo.mdx'], id: 'foo' },
  ])('$name: fails naming both files', async ({ files, id }) => {
    const result = await build(Object.fromEntries(files.map((file) => [file, note(fields, '本文')])));
    expect(result.ok).toBe(false);
    for (const file of files) expect(result.output).toContain(`content/notes/${file}`);
    expect(result.output).toContain(`both become the note "/notes/${id}/"`);
    expect(result.output).toContain('Rename one of them');
  });

  test('a content folder without notes fails instead of building a site without notes', async () => {
    const result = await build({ '.keep': '' }, { withGoodNote: false });
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      "content/ has no notes: add one such as content/notes/my-note.md, or zenn-cli's content/articles/ and content/books/",
    );
  });

  test('a missing content folder fails, saying what to create', async () => {
    const result = await build(null);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('There is no content folder content/: create it with your notes');
  });

  test('an .mdx note with a Markdown autolink is told how to write it', async () => {
    const result = await build({ 'bad.mdx': note(fields, '本文\n\n参照 <https://aws.amazon.com/> を読む') });
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      'content/notes/bad.mdx:9: "<https://aws.amazon.com/>" is an autolink, which MDX reads as a tag. Write [text](https://aws.amazon.com/) or the URL alone on its own line',
    );
  });

  test('a title of spaces only is refused like an empty one', async () => {
    const result = await build({ 'bad.mdx': note(fields.replace('"壊れたノート"', '"   "'), '本文') });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('bad.mdx');
    expect(result.output).toContain('title must not be empty');
  });

  // zenn-cli's example book chapter-by-config as it ships: its listed test.md and conclusion.md are
  // empty. Zenn refuses a chapter without a title; so do we, naming the file.
  test('a chapter the book lists without a title is refused, naming its file', async () => {
    const examples = join(import.meta.dirname, '..', 'fixtures', 'zenn-cli', 'books', 'chapter-by-config');
    const site = await throwawaySite({
      content: {
        'books/chapter-by-config/config.yaml': await readFile(join(examples, 'config.yaml'), 'utf8'),
        'books/chapter-by-config/about.md': await readFile(join(examples, 'about.md'), 'utf8'),
        'books/chapter-by-config/test.md': '',
      },
    });
    made.push(site);
    const result = await site.build();
    expect(result.ok).toBe(false);
    expect(result.output).toContain('content/books/chapter-by-config/test.md:1: frontmatter title:');
  });

  test('frontmatter that is never closed is reported as such, with the file', async () => {
    const result = await build({ 'bad.mdx': `---\n${fields}\n## 見出し\n本文\n` });
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      'content/notes/bad.mdx:1: the frontmatter opened by "---" on line 1 is never closed',
    );
    expect(result.output).not.toContain('Required');
  });

  const declaring = note(`${fields}\nterms:\n  - 壊れた用語`, '## 壊れた用語\n定義の文。\n\nここで {閉じない 式');
  test('an MDX syntax error in a note that declares terms names that note, not another', async () => {
    const result = await build({ 'bad.mdx': declaring });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/content\/notes\/bad\.mdx:12:\d+/);
    expect(result.output).not.toMatch(/(good|intro)\.mdx:\d+/);
  });

  test('a note linking a term of that broken note is told which note to fix', async () => {
    const result = await build({
      'bad.mdx': declaring,
      'linking.mdx': note(fields.replace('order: 2', 'order: 3'), '[[壊れた用語]]を見る'),
    });
    expect(result.ok).toBe(false);
    // Whichever note compiles first, the report names the broken note and its line.
    expect(result.output).toMatch(/bad\.mdx:12:\d+/);
    expect(result.output).toContain('Unexpected end of file in expression');
  });

  test('a <script> in a note fails with its line', async () => {
    const result = await build({ 'bad.mdx': note(fields, '本文\n\n<script>alert(1)</script>') });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('content/notes/bad.mdx:9: <script> is not allowed in a note');
  });
});

describe('.md notes and Zenn embeds that cannot be built fail with the file and line', () => {
  // Astro's glob loader renders .md notes itself, logs a failure and builds the page empty, with the
  // line counted from the end of the frontmatter: the notes loader makes it fail, with the file's line.
  test.each([
    {
      file: 'bad.md',
      body: '本文\n\n:::note\n中身\n:::',
      expected: 'content/notes/bad.md:9: unknown block ":::note"',
    },
    {
      file: 'bad.md',
      body: '本文\n\n@[vimeo](12345)',
      expected: 'content/notes/bad.md:9: Zenn has no embed "@[vimeo]". Accepted embeds: @[card], @[youtube]',
    },
  ])('$expected', async ({ file, body, expected }) => {
    const result = await build({ [file]: note(fields, body) });
    expect(result.ok).toBe(false);
    expect(result.output).toContain(expected);
  });
});

describe('the search index', () => {
  // Pagefind indexes in its own process while the link check runs; its failure must still stop the
  // build, however late it comes (pagefind's npm package runs PAGEFIND_EXTENDED_BINARY_PATH if set).
  test('a Pagefind process that dies after the link check has passed fails the build, naming Pagefind (it used to exit 0)', async () => {
    const site = await throwawaySite({ content: { 'notes/good.mdx': goodNote } });
    made.push(site);
    const failing = join(site.dir, 'failing-pagefind');
    await writeFile(failing, '#!/bin/sh\nsleep 2\nexit 1\n', { mode: 0o755 });
    const result = await site.build({ PAGEFIND_EXTENDED_BINARY_PATH: failing });
    expect(result.output).toContain('every internal link resolves');
    expect(result.ok).toBe(false);
    expect(result.output).toContain('Pagefind could not index');
    expect(result.output).toContain('its process ended before the index was written');
    expect(result.output).not.toContain('for offline reading');
  });
});
