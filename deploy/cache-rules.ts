/**
 * Content-Type, Cache-Control and upload phase for every file of the built site, by its key
 * (path relative to dist/, with forward slashes). The one place these rules live: the deploy, its
 * tests and the test static server all read them from here.
 */
import { extname } from 'node:path';

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** Unhashed assets (pagefind.js, pagefind-entry.json, robots.txt, …): browsers recheck soon. */
export const CACHE_SHORT = 'public, max-age=300, s-maxage=300';
/** HTML: browsers always revalidate; CloudFront may share it briefly (each deploy invalidates /*). */
export const CACHE_HTML = 'public, max-age=0, s-maxage=60, must-revalidate';

/**
 * Upload order, so a visitor never gets a page whose assets are missing: hashed files first (new
 * names, nobody links to them yet), then the mutable files that point at them (Pagefind's entry
 * and meta, pagefind.js), then the HTML that points at everything.
 */
export const PHASES = ['hashed assets', 'mutable assets', 'html'] as const;
export type Phase = 0 | 1 | 2;

export interface FileRule {
  contentType: string;
  cacheControl: string;
  phase: Phase;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  // Pagefind's index files are gzip inside and decompressed by pagefind.js itself, so they must be
  // opaque bytes: no Content-Encoding, and a type CloudFront will not compress again.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export function contentTypeFor(key: string): string {
  return contentTypes[extname(key).toLowerCase()] ?? 'application/octet-stream';
}

/** Pagefind names its index chunks `<lang>_<hash>.pf_*`; the entry, wasm and scripts keep fixed names. */
const PAGEFIND_HASHED = /^pagefind\/(?:.*\/)?[^/]*_[0-9a-f]{6,}\.pf_(?:index|fragment|filter|meta)$/;

export function ruleFor(key: string): FileRule {
  const contentType = contentTypeFor(key);
  if (key.startsWith('_astro/') || PAGEFIND_HASHED.test(key)) {
    return { contentType, cacheControl: CACHE_IMMUTABLE, phase: 0 };
  }
  if (contentType.startsWith('text/html')) {
    return { contentType, cacheControl: CACHE_HTML, phase: 2 };
  }
  return { contentType, cacheControl: CACHE_SHORT, phase: 1 };
}
