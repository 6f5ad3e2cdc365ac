/**
 * The content folder's images at their path (`content/images/a.png` at `/images/a.png`): the request
 * path → file rule with hostile paths, the dev server's middleware over real HTTP, and the build's
 * copy (which refuses to overwrite a file of public/).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contentImages, imageFileOf, listContentImages } from '../../src/integrations/content-images.ts';

/** The images of the fixture site (tests/e2e/zenn-media.test.ts): an 800×600 PNG and a 2400×1200 JPEG. */
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'zenn-media');
const diagram = join(fixtures, 'images', 'diagram.png');
const wide = join(fixtures, 'notes', 'wide.jpg');
let root = '';
let content = '';

beforeAll(async () => {
  await mkdir(join(import.meta.dirname, '..', '.tmp'), { recursive: true });
  root = await mkdtemp(join(import.meta.dirname, '..', '.tmp', 'content-images-'));
  content = join(root, 'content');
  await mkdir(join(content, 'images', 'sub'), { recursive: true });
  await mkdir(join(content, 'notes'), { recursive: true });
  await copyFile(diagram, join(content, 'images', 'diagram.png'));
  await copyFile(wide, join(content, 'images', 'sub', '写真 1.jpg'));
  await copyFile(wide, join(content, 'notes', 'wide.jpg'));
  await writeFile(join(content, 'notes', 'note.md'), '# 本文');
  await writeFile(join(root, 'secret.png'), 'outside the content folder');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('which file a request path names', () => {
  test.each([
    ['/images/diagram.png', 'images/diagram.png'],
    ['/images/diagram.png?v=2#top', 'images/diagram.png'],
    ['/images/sub/%E5%86%99%E7%9C%9F%201.jpg', 'images/sub/写真 1.jpg'],
    ['/notes/wide.jpg', 'notes/wide.jpg'],
  ])('%s → content/%s', (url, file) => {
    expect(imageFileOf(url, content)).toBe(join(content, file));
  });

  test.each([
    '/notes/note.md', // not an image: notes are never served as files
    '/notes/',
    '/images/',
    '/../secret.png',
    '/images/../../secret.png',
    '/%2e%2e/secret.png',
    '/images/%2e%2e%2f%2e%2e%2fsecret.png',
    '/images/..%5c..%5csecret.png',
    '/images/a%00.png',
    '/images/%E0%A4%A.png', // not valid percent-encoding
  ])('%s → no file outside content/ (nothing, or a path in it that does not exist)', (url) => {
    const file = imageFileOf(url, content);
    expect(file === undefined || file.startsWith(content + '/'), String(file)).toBe(true);
    expect(file).not.toBe(join(root, 'secret.png'));
  });

  test('the images of the folder, by mime type, with forward slashes', async () => {
    expect(await listContentImages(content)).toEqual(['images/diagram.png', 'images/sub/写真 1.jpg', 'notes/wide.jpg']);
    expect(await listContentImages(join(root, 'no-such-folder'))).toEqual([]);
  });
});

/** Runs one of the integration's hooks with just what it reads. */
function hooksFor(projectRoot: string) {
  const integration = contentImages({ contentDir: 'content' });
  const setup = integration.hooks['astro:config:setup'] as (options: unknown) => void;
  setup({ config: { root: pathToFileURL(`${projectRoot}/`) } });
  return integration.hooks;
}

test('astro dev: the middleware serves content images with their type, and passes anything else on', async () => {
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  let middleware: Middleware | undefined;
  const serverSetup = hooksFor(root)['astro:server:setup'] as (options: unknown) => void;
  serverSetup({ server: { middlewares: { use: (handler: Middleware) => (middleware = handler) } } });
  const server = createServer((req, res) =>
    middleware!(req, res, () => {
      res.statusCode = 404;
      res.end('next');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
  try {
    const image = await get('/images/diagram.png');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(await readFile(diagram))).toBe(true);
    expect((await get('/images/sub/%E5%86%99%E7%9C%9F%201.jpg')).headers.get('content-type')).toBe('image/jpeg');
    for (const path of ['/notes/note.md', '/images/missing.png', '/images/../../secret.png', '/%2e%2e/secret.png']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toBe('next');
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('astro build: the images are copied into the build', () => {
  const logger = { info: () => {} } as unknown as AstroIntegrationLogger;
  const buildDone = (dir: string) =>
    (hooksFor(root)['astro:build:done'] as (options: unknown) => Promise<void>)({
      dir: pathToFileURL(`${dir}/`),
      logger,
    });

  test('each at its path under content/', async () => {
    const dist = join(root, 'dist-ok');
    await mkdir(dist);
    await buildDone(dist);
    expect(await readFile(join(dist, 'images', 'diagram.png'))).toEqual(await readFile(diagram));
    expect(await readFile(join(dist, 'images', 'sub', '写真 1.jpg'))).toEqual(await readFile(wide));
    expect(await readFile(join(dist, 'notes', 'wide.jpg'))).toEqual(await readFile(wide));
    await expect(readFile(join(dist, 'notes', 'note.md'))).rejects.toThrow();
  });

  test('a file of public/ at the same URL is not overwritten: the build fails naming both', async () => {
    const dist = join(root, 'dist-clash');
    await mkdir(join(dist, 'images'), { recursive: true });
    await writeFile(join(dist, 'images', 'diagram.png'), 'from public/');
    await expect(buildDone(dist)).rejects.toThrow(
      'content/images/diagram.png would be served at /images/diagram.png, where the build already has a file',
    );
    expect(await readFile(join(dist, 'images', 'diagram.png'), 'utf8')).toBe('from public/');
  });
});
