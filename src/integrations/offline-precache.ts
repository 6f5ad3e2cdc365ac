/**
 * What the service worker keeps for offline reading, as Workbox's precache manifest: every page,
 * the CSS and JS, the whole Pagefind index (scripts, wasm, entry, every index, fragment, filter
 * and meta chunk), the update notice, the web app manifest and its icons. Made by `workbox-build`'s
 * `getManifest` over the built `dist/`, after Pagefind has written its files.
 *
 *   notes/iam/index.html             → { url: '/notes/iam/', revision: R, integrity: R }
 *   pagefind/index/ja_332bfc6.pf_index → { url: '/pagefind/index/ja_332bfc6.pf_index', revision: null }
 *
 * R is the file's SHA-256 as subresource integrity (`sha256-…`). A file whose name holds its
 * content hash (src/utils/content-hashed.ts) needs no revision. Every other file gets
 * one, so the worker fetches only what changed, and an integrity, so a worker built for one
 * release that fetches a file while the next release goes live fails its install (and tries again
 * on the next visit) instead of keeping a mix of the two.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ManifestEntry } from 'workbox-build';
import { isContentHashed } from '../utils/content-hashed.ts';
import { SERVICE_WORKER_URL } from '../scripts/offline/urls.ts';

export const SERVICE_WORKER_FILE = SERVICE_WORKER_URL.slice(1);

/**
 * Files of the build that are not for reading: what crawlers and feed readers fetch, the worker
 * itself, and the favicon (every page carries it as a data: URL).
 */
export const NOT_PRECACHED = [
  SERVICE_WORKER_FILE,
  'robots.txt',
  'sitemap-*.xml',
  'atom.xml',
  'favicon.svg',
  '**/*.map',
];

/** Larger than any file the site has (Pagefind's wasm is ~55 KB); one over it fails the build. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export class OfflineBuildError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OfflineBuildError';
  }
}

/** `notes/iam/index.html` → `/notes/iam/` (the URL readers use), any other file → `/<file>`. */
export function urlForFile(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** A `sha256-…` subresource integrity value for these bytes. */
export function integrityOf(bytes: Buffer | string): string {
  return `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
}

/**
 * Font files are kept only if a page or a stylesheet names them: KaTeX's fonts are in every
 * build, but only a note with math uses them (the real notes have none, ~280 KB otherwise).
 */
export function unusedFonts(files: Map<string, string>): Set<string> {
  const fonts = [...files.keys()].filter((file) => /\.(?:woff2?|ttf|otf)$/.test(file));
  const texts = [...files].filter(([file]) => /\.(?:html|css)$/.test(file)).map(([, text]) => text);
  return new Set(fonts.filter((font) => !texts.some((text) => text.includes(font.slice(font.lastIndexOf('/') + 1)))));
}

export interface Precache {
  entries: ManifestEntry[];
  /** Bytes of all precached files, as stored (uncompressed). */
  bytes: number;
}

/** The precache manifest of the built site in `siteDir`. Throws if a file would be left out. */
export async function precacheManifest(siteDir: string): Promise<Precache> {
  // The one function, loaded when needed: the package's index also loads its service-worker
  // generator (Rollup, Babel, Terser), about a second of every build and `astro dev` start.
  // Node's require, not import(): Astro has closed the Vite runner that loaded this config by now.
  const { getManifest } = createRequire(import.meta.url)(
    'workbox-build/build/get-manifest.js',
  ) as typeof import('workbox-build/build/get-manifest.js');
  const read = (file: string) => readFile(join(siteDir, file));
  const { manifestEntries, size, warnings } = await getManifest({
    globDirectory: siteDir,
    globPatterns: ['**/*'],
    globIgnores: NOT_PRECACHED,
    maximumFileSizeToCacheInBytes: MAX_FILE_BYTES,
    manifestTransforms: [
      async (entries) => {
        const texts = new Map<string, string>();
        for (const { url } of entries)
          if (/\.(?:html|css|woff2?|ttf|otf)$/.test(url)) texts.set(url, (await read(url)).toString('utf8'));
        const unused = unusedFonts(texts);
        const manifest: (ManifestEntry & { size: number })[] = [];
        for (const entry of entries) {
          if (unused.has(entry.url)) continue;
          if (isContentHashed(entry.url)) {
            manifest.push({ url: urlForFile(entry.url), revision: null, size: entry.size });
          } else {
            const integrity = integrityOf(await read(entry.url));
            manifest.push({ url: urlForFile(entry.url), revision: integrity, integrity, size: entry.size });
          }
        }
        return { manifest };
      },
    ],
  });
  // Workbox only warns about a file it leaves out (too large, say); an offline copy without it is broken.
  if (warnings.length > 0) throw new OfflineBuildError(`the offline copy would be incomplete: ${warnings.join('; ')}`);
  if (!manifestEntries.some((entry) => entry.url === '/')) throw new OfflineBuildError(`no index.html in ${siteDir}`);
  return { entries: manifestEntries, bytes: size };
}
