/**
 * Content-Type and Cache-Control for every file of the built site, by its key (path relative to
 * dist/, with forward slashes), and whether the file is shared by all releases. The one place
 * these rules live: the deploy, its tests and the test static server all read them from here.
 */
import { SERVICE_WORKER_URL } from '../src/scripts/offline/urls.ts';
import { contentTypeFor } from '../src/utils/content-type.ts';
import { isContentHashed } from '../src/utils/content-hashed.ts';

/** Content-hashed files: a new content gets a new name, so anyone may keep them forever. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Every other file of a release (HTML, pagefind.js, pagefind-entry.json, robots.txt, …). Browsers
 * revalidate on each use, because after a switch the same URL names another release's file;
 * CloudFront may keep it for good, because a release's files never change and each release has
 * its own paths (the viewer-request function's rewritten path is the cache key).
 */
export const CACHE_RELEASE = 'public, max-age=0, must-revalidate, s-maxage=31536000';
/**
 * The service worker, `/sw.js`. Browsers find a new release by fetching it again and comparing it
 * byte for byte (it changes whenever a file it keeps does), so no cache may answer with a stored
 * copy without asking first: `no-cache` makes the browser's and CloudFront's caches revalidate
 * every time (a 304 while it is unchanged). Browsers already skip their HTTP cache for a worker's
 * update check (`updateViaCache: 'imports'`); this says the same to every other cache.
 */
export const CACHE_SERVICE_WORKER = 'no-cache';
/** The root copy of the live release's 404.html, which changes at each switch. */
export const CACHE_ERROR_PAGE = 'public, max-age=0, must-revalidate, s-maxage=60';

export interface FileRule {
  contentType: string;
  cacheControl: string;
  /** Stored once at the bucket's root for all releases, instead of under releases/<id>/. */
  shared: boolean;
}

/** Which files are named by their content hash, and each file's type, are facts of the build (src/utils/). */
export { contentTypeFor, isContentHashed };

export function ruleFor(key: string): FileRule {
  const contentType = contentTypeFor(key);
  if (key === SERVICE_WORKER_URL.slice(1)) return { contentType, cacheControl: CACHE_SERVICE_WORKER, shared: false };
  return isContentHashed(key)
    ? { contentType, cacheControl: CACHE_IMMUTABLE, shared: true }
    : { contentType, cacheControl: CACHE_RELEASE, shared: false };
}
