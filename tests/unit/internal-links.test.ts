/**
 * The link check's reading of an internal link (src/utils/internal-links.ts): a link an author
 * mistyped is reported as dead with its page, never a crash of the build with "URI malformed".
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findDeadLinks, resolveInternalLink } from '../../src/utils/internal-links.ts';

describe('resolveInternalLink', () => {
  test.each<[href: string, file: string]>([
    ['/notes/%E3%82%AC%E3%82%A4%E3%83%89/', 'notes/ガイド/index.html'],
    ['/notes/iam', 'notes/iam/index.html'],
    // Malformed escapes stay as written (safeDecodeUriComponent), so no such file is found.
    ['/notes/100%/', 'notes/100%/index.html'],
    ['/notes/%E3/', 'notes/%E3/index.html'],
  ])('%s → %s', (href, file) => {
    expect(resolveInternalLink(href, '/')?.file).toBe(file);
  });
});

describe('findDeadLinks', () => {
  const dist = mkdtempSync(join(tmpdir(), 'internal-links-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  test('reports a link with a malformed escape as dead, with its page', async () => {
    mkdirSync(join(dist, 'notes', 'vpc'), { recursive: true });
    writeFileSync(
      join(dist, 'notes', 'vpc', 'index.html'),
      '<a href="/notes/100%/">百</a> <a href="/notes/vpc/%E3/">壊れた</a> <a href="/notes/vpc/">ok</a>',
    );
    const dead = await findDeadLinks(dist, ['notes/vpc/index.html']);
    expect(dead.map(({ page, href, missing }) => ({ page, href, missing }))).toEqual([
      { page: '/notes/vpc/', href: '/notes/100%/', missing: 'page' },
      { page: '/notes/vpc/', href: '/notes/vpc/%E3/', missing: 'page' },
    ]);
  });
});
