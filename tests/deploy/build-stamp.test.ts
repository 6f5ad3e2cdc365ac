import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDist } from '../../deploy/build-stamp.ts';

let root: string;
let dist: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'scan-dist-'));
  dist = join(root, 'dist');
  await mkdir(join(dist, 'notes', 'iam'), { recursive: true });
  await mkdir(join(dist, '_astro'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>top</title>');
  await writeFile(join(dist, '404.html'), '<!doctype html><title>404</title>');
  await writeFile(join(dist, 'notes', 'iam', 'index.html'), '<!doctype html><title>IAM</title>');
  await writeFile(join(dist, '_astro', 'app.Ab12Cd34.js'), 'console.log(1)');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scanDist refuses a build it cannot trust', () => {
  it('refuses a missing dist/', async () => {
    await expect(scanDist(join(root, 'nope'))).rejects.toThrow(/No build at .*Run `npm run build`/);
  });

  it('refuses an empty dist/ (empty folders count as empty)', async () => {
    const empty = join(root, 'empty');
    await mkdir(join(empty, 'notes'), { recursive: true });
    await expect(scanDist(empty)).rejects.toThrow(/is empty/);
  });

  it('refuses a build without index.html, or without the 404 page CloudFront answers missing pages with', async () => {
    const partial = join(root, 'partial');
    await mkdir(join(partial, '_astro'), { recursive: true });
    await writeFile(join(partial, '_astro', 'a.js'), '');
    await expect(scanDist(partial)).rejects.toThrow(/no index\.html/);
    await writeFile(join(partial, 'index.html'), '');
    await expect(scanDist(partial)).rejects.toThrow(/no 404\.html/);
  });

  it('lists files with forward-slash keys, sizes and MD5s', async () => {
    expect(await scanDist(dist)).toEqual([
      { key: '404.html', size: 33, md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { key: '_astro/app.Ab12Cd34.js', size: 14, md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { key: 'index.html', size: 33, md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { key: 'notes/iam/index.html', size: 33, md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ]);
  });
});
