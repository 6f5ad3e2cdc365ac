import { describe, expect, it } from 'vitest';
import {
  CACHE_ERROR_PAGE,
  CACHE_IMMUTABLE,
  CACHE_RELEASE,
  CACHE_SERVICE_WORKER,
  contentTypeFor,
  ruleFor,
} from '../../deploy/cache-rules.ts';

const OCTET = 'application/octet-stream';
const HTML = 'text/html; charset=utf-8';

describe('ruleFor', () => {
  it.each([
    // key, content type, cache control, shared by all releases
    ['index.html', HTML, CACHE_RELEASE, false],
    ['404.html', HTML, CACHE_RELEASE, false],
    ['notes/iam/index.html', HTML, CACHE_RELEASE, false],
    ['topics/セキュリティ/index.html', HTML, CACHE_RELEASE, false],
    ['_astro/index.B1xZ3kQe.css', 'text/css; charset=utf-8', CACHE_IMMUTABLE, true],
    ['_astro/page.Cq2a9LxP.js', 'text/javascript; charset=utf-8', CACHE_IMMUTABLE, true],
    ['_astro/font.a1b2c3.woff2', 'font/woff2', CACHE_IMMUTABLE, true],
    ['_astro/photo.a1b2c3.webp', 'image/webp', CACHE_IMMUTABLE, true],
    ['_astro/photo.a1b2c3.avif', 'image/avif', CACHE_IMMUTABLE, true],
    ['pagefind/index/ja_65201da.pf_index', OCTET, CACHE_IMMUTABLE, true],
    ['pagefind/fragment/ja_99caab8.pf_fragment', OCTET, CACHE_IMMUTABLE, true],
    ['pagefind/filter/ja_4f1e2d3.pf_filter', OCTET, CACHE_IMMUTABLE, true],
    ['pagefind/pagefind.ja_8775ef29dd.pf_meta', OCTET, CACHE_IMMUTABLE, true],
    ['pagefind/wasm.unknown.pagefind', OCTET, CACHE_RELEASE, false],
    ['pagefind/wasm.ja.pagefind', OCTET, CACHE_RELEASE, false],
    ['pagefind/pagefind-entry.json', 'application/json', CACHE_RELEASE, false],
    ['pagefind/pagefind.js', 'text/javascript; charset=utf-8', CACHE_RELEASE, false],
    ['pagefind/pagefind-ui.css', 'text/css; charset=utf-8', CACHE_RELEASE, false],
    ['pagefind/pagefind-worker.js', 'text/javascript; charset=utf-8', CACHE_RELEASE, false],
    ['sitemap-index.xml', 'application/xml', CACHE_RELEASE, false],
    ['robots.txt', 'text/plain; charset=utf-8', CACHE_RELEASE, false],
    // For AI assistants: the site's map and each note's Markdown, in UTF-8 (Japanese), like pages.
    ['llms.txt', 'text/plain; charset=utf-8', CACHE_RELEASE, false],
    ['notes/iam.md', 'text/markdown; charset=utf-8', CACHE_RELEASE, false],
    ['notes/aws-book/intro.md', 'text/markdown; charset=utf-8', CACHE_RELEASE, false],
    ['_astro/copy-markdown.JFdbQdSMN0.js', 'text/javascript; charset=utf-8', CACHE_IMMUTABLE, true],
    ['favicon.svg', 'image/svg+xml', CACHE_RELEASE, false],
    ['site.webmanifest', 'application/manifest+json', CACHE_RELEASE, false],
    // Offline: the web app manifest, its icons, and the service worker (revalidated by every cache).
    ['manifest.webmanifest', 'application/manifest+json', CACHE_RELEASE, false],
    ['icons/maskable-512.png', 'image/png', CACHE_RELEASE, false],
    ['icons/icon.svg', 'image/svg+xml', CACHE_RELEASE, false],
    ['sw.js', 'text/javascript; charset=utf-8', CACHE_SERVICE_WORKER, false],
    // Only the root worker: a file of that name elsewhere is an ordinary release file.
    ['notes/sw.js', 'text/javascript; charset=utf-8', CACHE_RELEASE, false],
    ['_astro/update-notice.Qk9vNjSFAw.js', 'text/javascript; charset=utf-8', CACHE_IMMUTABLE, true],
    ['app.wasm', 'application/wasm', CACHE_RELEASE, false],
    ['cover.WEBP', 'image/webp', CACHE_RELEASE, false],
    ['LICENSE', OCTET, CACHE_RELEASE, false],
    ['notes/iam/file.unknownext', OCTET, CACHE_RELEASE, false],
    // A .pf_* name without Pagefind's hash is not safe to cache forever.
    ['pagefind/index/unhashed.pf_index', OCTET, CACHE_RELEASE, false],
    // Hashed-looking names outside _astro/ and pagefind/ are not trusted to be content-addressed.
    ['notes/iam/diagram_abcdef1.pf_index', OCTET, CACHE_RELEASE, false],
  ])('%s → %s, %s, shared %s', (key, contentType, cacheControl, shared) => {
    expect(ruleFor(key)).toEqual({ contentType, cacheControl, shared });
  });

  it('puts a charset on every text type and on no binary one', () => {
    for (const key of ['a.html', 'a.css', 'a.js', 'a.txt', 'a.md', 'a.csv']) {
      expect(contentTypeFor(key), key).toMatch(/^text\/[\w.+-]+; charset=utf-8$/);
    }
    for (const key of ['a.png', 'a.woff2', 'a.wasm', 'a.pdf', 'a.pagefind']) {
      expect(contentTypeFor(key), key).not.toContain('charset');
    }
  });

  it('never lets a browser keep HTML or other release files without revalidating', () => {
    for (const rule of [CACHE_RELEASE, CACHE_ERROR_PAGE]) {
      expect(rule).toMatch(/(^|, )max-age=0\b/);
      expect(rule).toMatch(/must-revalidate/);
      expect(rule).not.toMatch(/immutable/);
    }
    expect(Number(/s-maxage=(\d+)/.exec(CACHE_ERROR_PAGE)?.[1])).toBeLessThanOrEqual(60);
    expect(CACHE_IMMUTABLE).toBe('public, max-age=31536000, immutable');
  });

  it("makes every cache, the browser's and CloudFront's, ask again before reusing the service worker", () => {
    // A stored worker reused without asking would hide a new release from its readers.
    expect(CACHE_SERVICE_WORKER.split(/,\s*/)).toContain('no-cache');
    expect(CACHE_SERVICE_WORKER).not.toMatch(/immutable|max-age=[1-9]|s-maxage=[1-9]/);
  });
});
