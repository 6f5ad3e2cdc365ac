/**
 * Paths with `/` between their parts (src/utils/slash-path.ts), as URLs, S3 keys and build messages
 * write them, whatever system the build runs on.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { filesUnder, toSlashPath } from '../../src/utils/slash-path.ts';

describe('toSlashPath', () => {
  test.each<[name: string, path: string, slashed: string]>([
    ['a relative path', 'notes\\iam\\index.html', 'notes/iam/index.html'],
    ['mixed separators (Node accepts both on Windows)', 'notes/iam\\index.html', 'notes/iam/index.html'],
    ['a drive letter', 'C:\\site\\dist\\404.html', 'C:/site/dist/404.html'],
    ['a UNC path', '\\\\server\\share\\content\\notes', '//server/share/content/notes'],
    ['a trailing separator', 'content\\images\\', 'content/images/'],
    ['already slashed', 'notes/iam.md', 'notes/iam.md'],
    ['Japanese and spaces', 'images\\sub\\写真 1.jpg', 'images/sub/写真 1.jpg'],
    ['empty', '', ''],
  ])('Windows: %s', (_name, path, slashed) => {
    expect(toSlashPath(path, '\\')).toBe(slashed);
  });

  test.each<[name: string, path: string, slashed: string]>([
    ['a relative path', 'notes/iam/index.html', 'notes/iam/index.html'],
    ['a backslash is part of the file name', 'notes/a\\b.md', 'notes/a\\b.md'],
    ['a trailing slash', 'content/images/', 'content/images/'],
    ['an absolute path', '/work/site/dist', '/work/site/dist'],
  ])('Linux and macOS: %s', (_name, path, slashed) => {
    expect(toSlashPath(path, '/')).toBe(slashed);
  });

  test("by default, the system's separator", () => {
    expect(toSlashPath(join('notes', 'iam', 'index.html'))).toBe('notes/iam/index.html');
  });
});

describe('filesUnder', () => {
  const root = join(import.meta.dirname, '..', '.tmp');
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('every file at any depth, relative, slashed and sorted; folders themselves are not listed', async () => {
    await mkdir(root, { recursive: true });
    dir = await mkdtemp(join(root, 'files-under-'));
    await mkdir(join(dir, 'notes', 'iam'), { recursive: true });
    await mkdir(join(dir, 'empty'));
    for (const file of ['notes/iam/index.html', '404.html', 'notes/写真 1.png', '_astro/a.js']) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), '');
    }
    expect(await filesUnder(dir)).toEqual(['404.html', '_astro/a.js', 'notes/iam/index.html', 'notes/写真 1.png']);
  });

  test('a folder that does not exist is an error, not an empty list', async () => {
    await expect(filesUnder(join(root, 'no-such-folder'))).rejects.toThrow('ENOENT');
  });
});
