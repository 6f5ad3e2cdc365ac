/**
 * `astro dev` serves the last build's search index (dist/pagefind/) through the search
 * integration's middleware: with the types the deploy gives the same files, never cached, and
 * nothing outside the index, whatever the request path holds.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import pagefindSearch from '../../src/integrations/pagefind.ts';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
let root = '';
let port = 0;
let close = () => Promise.resolve();

beforeAll(async () => {
  await mkdir(join(import.meta.dirname, '..', '.tmp'), { recursive: true });
  root = await mkdtemp(join(import.meta.dirname, '..', '.tmp', 'dev-search-index-'));
  const index = join(root, 'dist', 'pagefind');
  await mkdir(join(index, 'fragment'), { recursive: true });
  await writeFile(join(index, 'pagefind.js'), 'export const search = 1;');
  await writeFile(join(index, 'pagefind-entry.json'), '{"version":"1"}');
  await writeFile(join(index, 'pagefind.ja_0123.pf_meta'), 'gzip bytes');
  await writeFile(join(index, 'fragment', 'ja_abc.pf_fragment'), 'gzip bytes');
  await writeFile(join(root, 'dist', 'secret.html'), 'outside the index');

  const { hooks } = pagefindSearch().indexing;
  (hooks['astro:config:setup'] as (options: unknown) => void)({
    config: { outDir: pathToFileURL(`${root}/dist/`) },
  });
  let mount = '';
  let middleware: Middleware | undefined;
  (hooks['astro:server:setup'] as (options: unknown) => void)({
    server: { middlewares: { use: (path: string, handler: Middleware) => ([mount, middleware] = [path, handler]) } },
  });
  // As Connect does: only requests under the mount point reach it, with the mount point cut off.
  const server = createServer((req, res) => {
    const notFound = () => {
      res.statusCode = 404;
      res.end('next');
    };
    if (!req.url!.startsWith(mount)) return notFound();
    req.url = req.url!.slice(mount.length - 1);
    middleware!(req, res, notFound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close();
  await rm(root, { recursive: true, force: true });
});

const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);

test.each([
  ['/pagefind/pagefind.js', 'text/javascript; charset=utf-8', 'export const search = 1;'],
  ['/pagefind/pagefind-entry.json?ts=1', 'application/json', '{"version":"1"}'],
  ['/pagefind/pagefind.ja_0123.pf_meta', 'application/octet-stream', 'gzip bytes'],
  ['/pagefind/fragment/ja_abc.pf_fragment', 'application/octet-stream', 'gzip bytes'],
])('%s: %s, not cached', async (path, type, body) => {
  const response = await get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(type);
  expect(response.headers.get('cache-control')).toBe('no-cache');
  expect(await response.text()).toBe(body);
});

test.each([
  '/pagefind/missing.js',
  '/pagefind/fragment/',
  '/pagefind/../secret.html',
  '/pagefind/%2e%2e/secret.html',
  '/pagefind/..%2fsecret.html',
  '/pagefind/..%5csecret.html',
  '/pagefind/pagefind.js%00.png',
  '/pagefind/%E0%A4%A.js', // not valid percent-encoding
])('%s: passed on (no such file in the index)', async (path) => {
  const response = await get(path);
  expect(response.status).toBe(404);
  expect(await response.text()).toBe('next');
});
