/**
 * A note's last update (最終更新 on its page, and its date in the feed): its last commit, else its
 * frontmatter `updated`, else none. Real repositories with commits of known dates.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gitDates } from '../../src/utils/git-dates.ts';
import { notePages, type PageNote } from '../../src/utils/note-pages.ts';
import { siteNavigation } from '../../src/utils/navigation.ts';

let tmp: string;
/** A repository with its full history. */
let repo: string;
/** A shallow clone of it: its one commit would date every file alike. */
let shallow: string;
/** The same notes with no git at all (a downloaded archive). */
let plain: string;

const git = (cwd: string, args: string[], date = '2024-01-01T00:00:00Z') =>
  execFileSync('git', args, {
    cwd,
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
  git(repo, ['add', '-A'], date);
  git(repo, ['commit', '-q', '-m', date], date);
};
const note = (words: string) => `---\ntitle: "メモ"\n---\n\n${words}\n`.repeat(5);
const notes = (dir: string) => join(dir, 'content', 'notes');

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'git-dates-'));
  [repo, shallow, plain] = [join(tmp, 'repo'), join(tmp, 'shallow'), join(tmp, 'plain')];
  await mkdir(notes(repo), { recursive: true });
  git(repo, ['init', '-q']);
  await writeFile(join(notes(repo), 'renamed.mdx'), note('IAMはアクセスを管理する。'));
  await writeFile(join(notes(repo), 'edited.mdx'), note('VPCは仮想ネットワーク。'));
  await writeFile(join(notes(repo), 'twice.mdx'), note('ECSはコンテナを動かす。'));
  commit('2024-01-01T00:00:00Z');
  await writeFile(join(notes(repo), 'edited.mdx'), note('VPCは仮想ネットワーク。サブネットに分ける。'));
  commit('2024-02-01T00:00:00Z');
  // The site's switch from .mdx to .md: renames, one of them with an edit.
  await rename(join(notes(repo), 'renamed.mdx'), join(notes(repo), 'renamed.md'));
  await rename(join(notes(repo), 'edited.mdx'), join(notes(repo), 'edited.md'));
  await writeFile(join(notes(repo), 'edited.md'), note('VPCは仮想ネットワーク。サブネットに分け、経路を決める。'));
  await rename(join(notes(repo), 'twice.mdx'), join(notes(repo), 'step.mdx'));
  commit('2024-03-01T00:00:00Z');
  await rename(join(notes(repo), 'step.mdx'), join(notes(repo), 'twice.md'));
  commit('2024-04-01T00:00:00Z');
  git(tmp, ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
  // Written after the last commit and never committed, with a file time of its own: not a date to show.
  await writeFile(join(notes(repo), 'uncommitted.md'), note('S3はオブジェクトストレージ。'));
  await utimes(join(notes(repo), 'uncommitted.md'), new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
  await mkdir(notes(plain), { recursive: true });
  await writeFile(join(notes(plain), 'edited.md'), note('VPCは仮想ネットワーク。'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('a note’s last update is its last change of words, not of name', () => {
  test('a note only renamed keeps the date of its last edit', () => {
    expect(gitDates(repo)('content/notes/renamed.md')).toEqual(new Date('2024-01-01T00:00:00Z'));
  });
  test('renamed twice, it still does', () => {
    expect(gitDates(repo)('content/notes/twice.md')).toEqual(new Date('2024-01-01T00:00:00Z'));
  });
  test('a note renamed and edited in one commit shows that commit', () => {
    expect(gitDates(repo)('content/notes/edited.md')).toEqual(new Date('2024-03-01T00:00:00Z'));
  });
});

describe('the one rule: last commit, else frontmatter `updated`, else none (never the file’s time)', () => {
  /** The date the note page model gives a note: its page shows it, the feed dates the note by it. */
  const shown = (root: string, file: string, updated?: string) => {
    const page: PageNote = {
      id: 'n',
      filePath: `content/notes/${file}`,
      data: { title: 'メモ', topics: [], updated: updated ? new Date(updated) : undefined },
    };
    const nav = siteNavigation([page]);
    const [model] = notePages({ nav, noteLinks: new Map(), config: { repoBranch: 'main' }, root });
    const last = model!.lastUpdated;
    return last ? `${last.date.toISOString()} from ${last.source}` : 'none';
  };

  test.each([
    ['committed', 'repo', 'edited.md', undefined, '2024-03-01T00:00:00.000Z from git'],
    ['committed', 'repo', 'edited.md', '2023-12-24', '2024-03-01T00:00:00.000Z from git'],
    ['never committed', 'repo', 'uncommitted.md', '2024-05-01', '2024-05-01T00:00:00.000Z from frontmatter'],
    ['never committed', 'repo', 'uncommitted.md', undefined, 'none'],
    ['in a shallow clone', 'shallow', 'edited.md', '2024-05-01', '2024-05-01T00:00:00.000Z from frontmatter'],
    ['in a shallow clone', 'shallow', 'edited.md', undefined, 'none'],
    ['without git', 'plain', 'edited.md', '2024-05-01', '2024-05-01T00:00:00.000Z from frontmatter'],
    ['without git', 'plain', 'edited.md', undefined, 'none'],
  ])('a note %s (%s/%s), frontmatter `updated` %s → %s', (_case, where, file, updated, expected) => {
    expect(shown({ repo, shallow, plain }[where]!, file, updated)).toBe(expected);
  });
});

describe('git’s answers belong to one project and one build', () => {
  test('a project without history read first does not take the dates of the next one', () => {
    expect(gitDates(shallow)('content/notes/edited.md')).toBeUndefined();
    expect(gitDates(plain)('content/notes/edited.md')).toBeUndefined();
    expect(gitDates(repo)('content/notes/edited.md')).toEqual(new Date('2024-03-01T00:00:00Z'));
  });

  test('a later build sees a commit made since', async () => {
    expect(gitDates(repo)('content/notes/later.md')).toBeUndefined();
    await writeFile(join(notes(repo), 'later.md'), note('ELBは負荷を分散する。'));
    git(repo, ['add', 'content/notes/later.md']);
    git(repo, ['commit', '-q', '-m', 'later'], '2024-06-01T00:00:00Z');
    expect(gitDates(repo)('content/notes/later.md')).toEqual(new Date('2024-06-01T00:00:00Z'));
  });
});
