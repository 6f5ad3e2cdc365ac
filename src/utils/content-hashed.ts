/**
 * Which files of the build are named by their content hash, so a new content always gets a new
 * name: Astro's `_astro/` files, and Pagefind's index chunks (`<lang>_<hash>.pf_*`; its entry,
 * wasm and scripts keep fixed names). The deploy keeps them forever and shares them between
 * releases (deploy/cache-rules.ts); the service worker needs no revision for them
 * (src/integrations/offline-precache.ts). Keys are paths relative to dist/, with forward slashes.
 */
const PAGEFIND_HASHED = /^pagefind\/(?:.*\/)?[^/]*_[0-9a-f]{6,}\.pf_(?:index|fragment|filter|meta)$/;

export function isContentHashed(key: string): boolean {
  return key.startsWith('_astro/') || PAGEFIND_HASHED.test(key);
}
