import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gitLastModified } from '../../src/utils/git-dates.ts';

// A real repository whose commits have known dates: what a note shows as 最終更新.
let repo: string;
const git = (args: string[], date: string) =>
  execFileSync('git', args, {
    cwd: repo,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
const commit = (date: string) => {
  git(['add', '-A'], date);
  git(['commit', '-q', '-m', date], date);
};
const note = (words: string) => `---\ntitle: "メモ"\n---\n\n${words}\n`.repeat(5);

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'git-dates-'));
  await mkdir(join(repo, 'content', 'notes'), { recursive: true });
  git(['init', '-q'], '2024-01-01T00:00:00Z');
  await writeFile(join(repo, 'content/notes/renamed.mdx'), note('IAMはアクセスを管理する。'));
  await writeFile(join(repo, 'content/notes/edited.mdx'), note('VPCは仮想ネットワーク。'));
  await writeFile(join(repo, 'content/notes/twice.mdx'), note('ECSはコンテナを動かす。'));
  commit('2024-01-01T00:00:00Z');
  await writeFile(join(repo, 'content/notes/edited.mdx'), note('VPCは仮想ネットワーク。サブネットに分ける。'));
  commit('2024-02-01T00:00:00Z');
  // The site's switch from .mdx to .md: renames, one of them with an edit.
  await rename(join(repo, 'content/notes/renamed.mdx'), join(repo, 'content/notes/renamed.md'));
  await rename(join(repo, 'content/notes/edited.mdx'), join(repo, 'content/notes/edited.md'));
  await writeFile(
    join(repo, 'content/notes/edited.md'),
    note('VPCは仮想ネットワーク。サブネットに分け、経路を決める。'),
  );
  await rename(join(repo, 'content/notes/twice.mdx'), join(repo, 'content/notes/step.mdx'));
  commit('2024-03-01T00:00:00Z');
  await rename(join(repo, 'content/notes/step.mdx'), join(repo, 'content/notes/twice.md'));
  commit('2024-04-01T00:00:00Z');
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('a note’s last update is its last change of words, not of name', () => {
  test('a note only renamed keeps the date of its last edit', () => {
    expect(gitLastModified('content/notes/renamed.md', repo)).toEqual(new Date('2024-01-01T00:00:00Z'));
  });
  test('renamed twice, it still does', () => {
    expect(gitLastModified('content/notes/twice.md', repo)).toEqual(new Date('2024-01-01T00:00:00Z'));
  });
  test('a note renamed and edited in one commit shows that commit', () => {
    expect(gitLastModified('content/notes/edited.md', repo)).toEqual(new Date('2024-03-01T00:00:00Z'));
  });
});
