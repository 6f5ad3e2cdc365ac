import { describe, expect, it } from 'vitest';
import { CACHE_HTML, CACHE_IMMUTABLE, CACHE_SHORT, PHASES, ruleFor } from '../../deploy/cache-rules.ts';

const OCTET = 'application/octet-stream';
const HASHED = PHASES.indexOf('hashed assets');
const MUTABLE = PHASES.indexOf('mutable assets');
const HTML = PHASES.indexOf('html');

describe('ruleFor', () => {
  it.each([
    // key, content type, cache control, phase
    ['index.html', 'text/html; charset=utf-8', CACHE_HTML, HTML],
    ['404.html', 'text/html; charset=utf-8', CACHE_HTML, HTML],
    ['notes/iam/index.html', 'text/html; charset=utf-8', CACHE_HTML, HTML],
    ['topics/security/index.html', 'text/html; charset=utf-8', CACHE_HTML, HTML],
    ['_astro/index.B1xZ3kQe.css', 'text/css; charset=utf-8', CACHE_IMMUTABLE, HASHED],
    ['_astro/page.Cq2a9LxP.js', 'text/javascript; charset=utf-8', CACHE_IMMUTABLE, HASHED],
    ['_astro/font.a1b2c3.woff2', 'font/woff2', CACHE_IMMUTABLE, HASHED],
    ['pagefind/index/ja_65201da.pf_index', OCTET, CACHE_IMMUTABLE, HASHED],
    ['pagefind/fragment/ja_99caab8.pf_fragment', OCTET, CACHE_IMMUTABLE, HASHED],
    ['pagefind/filter/ja_4f1e2d3.pf_filter', OCTET, CACHE_IMMUTABLE, HASHED],
    ['pagefind/pagefind.ja_8775ef29dd.pf_meta', OCTET, CACHE_IMMUTABLE, HASHED],
    ['pagefind/wasm.unknown.pagefind', OCTET, CACHE_SHORT, MUTABLE],
    ['pagefind/wasm.ja.pagefind', OCTET, CACHE_SHORT, MUTABLE],
    ['pagefind/pagefind-entry.json', 'application/json', CACHE_SHORT, MUTABLE],
    ['pagefind/pagefind.js', 'text/javascript; charset=utf-8', CACHE_SHORT, MUTABLE],
    ['pagefind/pagefind-ui.js', 'text/javascript; charset=utf-8', CACHE_SHORT, MUTABLE],
    ['pagefind/pagefind-ui.css', 'text/css; charset=utf-8', CACHE_SHORT, MUTABLE],
    ['pagefind/pagefind-highlight.js', 'text/javascript; charset=utf-8', CACHE_SHORT, MUTABLE],
    ['pagefind/pagefind-worker.js', 'text/javascript; charset=utf-8', CACHE_SHORT, MUTABLE],
    ['sitemap-index.xml', 'application/xml', CACHE_SHORT, MUTABLE],
    ['sitemap-0.xml', 'application/xml', CACHE_SHORT, MUTABLE],
    ['robots.txt', 'text/plain; charset=utf-8', CACHE_SHORT, MUTABLE],
    ['favicon.svg', 'image/svg+xml', CACHE_SHORT, MUTABLE],
    ['app.wasm', 'application/wasm', CACHE_SHORT, MUTABLE],
    ['LICENSE', OCTET, CACHE_SHORT, MUTABLE],
    // A .pf_* name without Pagefind's hash is not safe to cache forever.
    ['pagefind/index/unhashed.pf_index', OCTET, CACHE_SHORT, MUTABLE],
    // Hashed-looking names outside _astro/ and pagefind/ are not trusted to be content-addressed.
    ['notes/iam/diagram_abcdef1.pf_index', OCTET, CACHE_SHORT, MUTABLE],
  ])('%s → %s, %s, phase %i', (key, contentType, cacheControl, phase) => {
    expect(ruleFor(key)).toEqual({ contentType, cacheControl, phase });
  });

  it('never marks HTML immutable, and only short-lived or no-store for mutable files', () => {
    expect(CACHE_HTML).toMatch(/max-age=0\b/);
    expect(CACHE_HTML).toMatch(/must-revalidate/);
    expect(CACHE_HTML).toMatch(/s-maxage=\d+/);
    expect(CACHE_SHORT).not.toMatch(/immutable/);
    expect(Number(/max-age=(\d+)/.exec(CACHE_SHORT)?.[1])).toBeLessThanOrEqual(3600);
    expect(CACHE_IMMUTABLE).toBe('public, max-age=31536000, immutable');
  });
});
