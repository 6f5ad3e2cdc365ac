/**
 * Files from disk in `astro dev`, for what the dev server does not serve itself (the content
 * folder's images, the last build's search index), typed as the deploy types them.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Connect } from 'vite';
import { contentTypeFor } from '../utils/content-type.ts';

/**
 * The file a request's path names inside `root`, or undefined when it cannot be one: a malformed
 * escape, a NUL, or a path that leaves `root` (`/../x`, `/..%2Fx`).
 */
export function fileUnder(root: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const file = resolve(root, `.${path}`);
  return file.startsWith(root + sep) ? file : undefined;
}

/**
 * A dev-server middleware that answers with the file `fileOf` names for the request's URL, never
 * cached (it may change at any time), or passes the request on when there is no such file.
 */
export function serveFiles(fileOf: (url: string) => string | undefined): Connect.NextHandleFunction {
  return async (req, res, next) => {
    const file = fileOf(req.url ?? '/');
    const stats = file === undefined ? undefined : await stat(file).catch(() => undefined);
    if (!file || !stats?.isFile()) return next();
    res.setHeader('content-type', contentTypeFor(file));
    res.setHeader('cache-control', 'no-cache');
    createReadStream(file).pipe(res);
  };
}
