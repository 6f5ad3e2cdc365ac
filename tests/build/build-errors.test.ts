import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * Bad input must stop `astro build` with the file, the line or field, and what to do. Each case
 * builds a throwaway site: the real `src/` and config, a good note, and one broken note.
 */
const root = join(import.meta.dirname, '..', '..');
const tmpRoot = join(root, 'tests', '.tmp');
const run = promisify(execFile);
const made: string[] = [];

const goodNote = `---
title: "良いノート"
description: "比較のための正しいノート。"
category: "ID・アクセス管理"
order: 1
---
## 見出し
本文。
`;

async function build(notes: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  await mkdir(tmpRoot, { recursive: true });
  const dir = await mkdtemp(join(tmpRoot, 'site-'));
  made.push(dir);
  await symlink(join(root, 'src'), join(dir, 'src'));
  await symlink(join(root, 'public'), join(dir, 'public'));
  await copyFile(join(root, 'astro.config.mjs'), join(dir, 'astro.config.mjs'));
  await mkdir(join(dir, 'content', 'notes'), { recursive: true });
  await copyFile(join(root, 'content', 'intro.mdx'), join(dir, 'content', 'intro.mdx'));
  for (const [name, text] of Object.entries({ 'good.mdx': goodNote, ...notes }))
    await writeFile(join(dir, 'content', 'notes', name), text);
  try {
    const { stdout, stderr } = await run('npx', ['astro', 'build', '--root', dir], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  }
}

const note = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n${body}\n`;
const fields = 'title: "壊れたノート"\ndescription: "壊れている。"\ncategory: "ネットワーク"\norder: 2';

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
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
    {
      name: 'a link to a missing heading',
      text: note(fields, '[見出しへ](/notes/good/#存在しない見出し)'),
      expected: ['content/notes/bad.mdx:7: links to "/notes/good/#', 'has no element with id "存在しない見出し"'],
    },
  ])('$name', async ({ text, expected }) => {
    const result = await build({ 'bad.mdx': text });
    expect(result.ok).toBe(false);
    for (const part of expected) expect(result.output).toContain(part);
  });
});
