import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentTypeFor, ruleFor } from '../../deploy/cache-rules.ts';
import { KVS_KEYS } from '../../infra/functions/viewer-request-source.ts';
import { isResponse, loadViewerRequestFunction, viewerRequestEvent } from './cloudfront-function.ts';

/** The release id the served folder stands for. */
const RELEASE = 'local';
const RELEASE_PREFIX = new RegExp(`^/releases/${RELEASE}/`);

export interface StaticServerOptions {
  /** Folder to serve, usually `dist/`. */
  root: string;
  /** Extra headers on every response (e.g. the production CSP). */
  headers?: Record<string, string>;
  /** Gzip text responses when the client accepts it, as CloudFront does. */
  gzip?: boolean;
}

export interface RunningServer {
  url: string;
  server: Server;
  /**
   * Serves another folder from the next request on (a new release made live in place), or, given
   * `null`, drops every connection as a site out of reach does.
   */
  serve(root: string | null): void;
  close(): Promise<void>;
}

/**
 * Serves a built site the way S3 + CloudFront will. URLs go through the real CloudFront Function
 * (infra/functions/viewer-request.js) with the folder as the live release: `/a/` serves
 * `/a/index.html` (the function's `releases/<id>/a/index.html`), `/a` redirects to `/a/`.
 * Content-Type and Cache-Control come from the deploy's rules; anything missing answers
 * `/404.html` with status 404, like the distribution's error responses.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const { headers = {}, gzip = false } = options;
  let root: string | null = options.root;
  const viewerRequest = loadViewerRequestFunction({
    kvs: { get: (key) => (key === KVS_KEYS.release ? RELEASE : undefined) },
  });
  const server = createServer(async (req, res) => {
    // One request, one folder, even if another is served meanwhile.
    const folder = root;
    if (folder === null) {
      req.socket.destroy();
      return;
    }
    const send = (status: number, body: Buffer, type: string, extra: Record<string, string> = {}) => {
      const zipped =
        gzip && /gzip/.test(String(req.headers['accept-encoding'])) && /text|json|javascript|svg|xml/.test(type);
      res.writeHead(status, {
        ...headers,
        ...extra,
        'content-type': type,
        ...(zipped ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      });
      res.end(zipped ? gzipSync(body) : body);
    };
    try {
      const result = await viewerRequest(viewerRequestEvent(req.url ?? '/'));
      if (isResponse(result)) {
        const extra = Object.fromEntries(
          Object.entries(result.headers ?? {}).map(([name, { value }]) => [name, value]),
        );
        res.writeHead(result.statusCode, { ...headers, ...extra });
        res.end();
        return;
      }
      const key = decodeURIComponent(result.uri.replace(RELEASE_PREFIX, '/')).replace(/^\/+/, '');
      const file = normalize(join(folder, key));
      if (!file.startsWith(normalize(folder))) throw new Error('outside root');
      const body = await readFile(file);
      const rule = ruleFor(key);
      send(200, body, rule.contentType, { 'cache-control': rule.cacheControl });
    } catch {
      const notFound = await readFile(join(folder, '404.html')).catch(() => Buffer.from('Not found'));
      send(404, notFound, contentTypeFor('404.html'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server did not get a port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    serve: (next) => {
      root = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
