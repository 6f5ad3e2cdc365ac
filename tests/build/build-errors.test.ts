import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

/**
 * Bad input must stop `astro build` with the file, the line or field, and what to do. One real
 * build per way an error reaches the author (the schema, the notes loader, a `.md` render, an
 * `.mdx` compile, the link check, Pagefind), each a throwaway site: the real `src/` and config, a
 * good note, and the broken input. Each build costs ~20 s, so the other messages of each kind are
 * unit tests: the schema's in tests/unit/note-schema.test.ts, the loader's in notes-loader.test.ts
 * and note-sources.test.ts, the Markdown plugins' in zenn-blocks, zenn-embeds, remark-reject-scripts and
 * glossary.test.ts.
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

/** A throwaway site with these notes beside the good one. */
async function siteWith(notes: Record<string, string>): Promise<ThrowawaySite> {
  const files = { 'good.mdx': goodNote, ...notes };
  const site = await throwawaySite({
    content: Object.fromEntries(Object.entries(files).map(([name, text]) => [`notes/${name}`, text])),
  });
  made.push(site);
  return site;
}

const note = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n${body}\n`;
const fields = 'title: "壊れたノート"\ndescription: "壊れている。"\ncategory: "ネットワーク"\norder: 2';

afterAll(async () => {
  await Promise.all(made.map((site) => site.remove()));
});

describe('a broken note fails the build with a pointer to the fix', () => {
  test.each<{ path: string; name: string; notes: Record<string, string>; expected: string[] }>([
    {
      path: 'the schema',
      name: 'a category outside the list',
      notes: { 'bad.mdx': note(fields.replace('ネットワーク', 'セキュリティ'), '本文') },
      expected: ['bad.mdx', 'category', 'category must be one of "ID・アクセス管理"', 'received "セキュリティ"'],
    },
    {
      path: 'the notes loader',
      name: 'two files, one slug (case)',
      notes: { 'Foo.mdx': note(fields, '本文'), 'foo.mdx': note(fields, '本文') },
      expected: [
        'content/notes/foo.mdx:1: this file and content/notes/Foo.mdx both become the note "/notes/foo/"',
        'Rename one of them',
      ],
    },
    {
      // Astro's glob loader renders .md notes itself, logs a failure and builds the page empty, with
      // the line counted from the end of the frontmatter: the notes loader fails, with the file's line.
      path: 'a .md render',
      name: 'an unknown ::: block',
      notes: { 'bad.md': note(fields, '本文\n\n:::note\n中身\n:::') },
      expected: ['content/notes/bad.md:9: unknown block ":::note"', 'Accepted Zenn blocks: :::message'],
    },
    {
      path: 'the link check',
      name: 'a dead internal link',
      notes: { 'bad.mdx': note(fields, '本文\n\n[どこにもない](/notes/nowhere/)') },
      expected: ['content/notes/bad.mdx:9: links to "/notes/nowhere/"', 'no page or file "/notes/nowhere/index.html"'],
    },
  ])('$path: $name', async ({ notes, expected }) => {
    const result = await (await siteWith(notes)).build();
    expect(result.ok).toBe(false);
    for (const part of expected) expect(result.output).toContain(part);
  });

  test('an .mdx compile: an MDX syntax error in a note that declares terms names that note, not another', async () => {
    const declaring = note(`${fields}\nterms:\n  - 壊れた用語`, '## 壊れた用語\n定義の文。\n\nここで {閉じない 式');
    const result = await (await siteWith({ 'bad.mdx': declaring })).build();
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/content\/notes\/bad\.mdx:12:\d+/);
    expect(result.output).toContain('Unexpected end of file in expression');
    expect(result.output).not.toMatch(/(good|intro)\.mdx:\d+/);
  });

  // zenn-cli's example book chapter-by-config as it ships: its listed test.md is empty. Zenn refuses
  // a chapter without a title; so do we, naming the file.
  test('a book: a chapter the book lists without a title is refused, naming its file', async () => {
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
});

describe('the search index', () => {
  // Pagefind indexes in its own process while the link check runs; its failure must still stop the
  // build, however late it comes (pagefind's npm package runs PAGEFIND_EXTENDED_BINARY_PATH if set).
  // Up to Pagefind, this site is the control of the cases above: good notes, linked to each other.
  test('a Pagefind process that dies after the link check has passed fails the build, naming Pagefind (it used to exit 0)', async () => {
    const site = await siteWith({ 'other.mdx': note(fields, '[良いノートへ](/notes/good/#見出し)') });
    const failing = join(site.dir, 'failing-pagefind');
    await writeFile(failing, '#!/bin/sh\nsleep 2\nexit 1\n', { mode: 0o755 });
    const result = await site.build({ PAGEFIND_EXTENDED_BINARY_PATH: failing });
    expect(result.output).toContain('every internal link resolves');
    // A build without a bad note is quiet: a warning printed for every note would hide the one that matters.
    expect(result.output).not.toMatch(/\[WARN\]/);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('Pagefind could not index');
    expect(result.output).toContain('its process ended before the index was written');
    expect(result.output).not.toContain('for offline reading');
  });
});
