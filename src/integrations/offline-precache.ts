/**
 * What the service worker keeps for offline reading, as Workbox's precache manifest: every page,
 * the CSS and JS, the whole Pagefind index (scripts, wasm, entry, every index, fragment, filter
 * and meta chunk), the update notice, the web app manifest and its icons. Listed from the built
 * `dist/`, after Pagefind has written its files. (Not with `workbox-build`'s `getManifest`: it
 * reads and MD5-hashes every file for a revision this list replaces, which at 10,000 notes was
 * half of the step's time.)
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
import { readFile, stat } from 'node:fs/promises';
import { join, matchesGlob } from 'node:path';
import type { PrecacheEntry } from 'workbox-precaching';
import { isContentHashed } from '../utils/content-hashed.ts';
import { runPool } from '../utils/run-pool.ts';
import { filesUnder } from '../utils/slash-path.ts';
import { SERVICE_WORKER_URL } from '../scripts/offline/urls.ts';

export const SERVICE_WORKER_FILE = SERVICE_WORKER_URL.slice(1);

/**
 * Files of the build that are not for reading: what crawlers, feed readers and AI assistants
 * fetch (`llms.txt` and the notes' Markdown: an assistant is online anyway, and keeping them would
 * add a request per note to every first visit; 「Markdownをコピー」 says so when it is offline), the
 * worker itself, and the favicon (every page carries it as a data: URL).
 */
const NOT_PRECACHED = [
  SERVICE_WORKER_FILE,
  'robots.txt',
  'sitemap-*.xml',
  'atom.xml',
  'llms.txt',
  'notes/**/*.md',
  'favicon.svg',
  '**/*.map',
];

/** Files read at once: a 10,000-note build lists 20,000 files, more than some systems let a process open. */
const READ_CONCURRENCY = 32;

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

const nameOf = (file: string) => file.slice(file.lastIndexOf('/') + 1);
const isFont = (file: string) => /\.(?:woff2?|ttf|otf)$/.test(file);
const isPageOrSheet = (file: string) => /\.(?:html|css)$/.test(file);

/**
 * Font files are kept only if a page names them (inlined CSS) or a stylesheet that a page or
 * another stylesheet names does: KaTeX's fonts and its stylesheet are in every build, but only a
 * note with math links it (the real notes have none: 254 KiB otherwise). `files` maps each page
 * and stylesheet to its text, or to any text that holds the same font and stylesheet names.
 */
export function unusedFonts(files: Map<string, string>): Set<string> {
  const named = (file: string, texts: string[]) => texts.some((text) => text.includes(nameOf(file)));
  const pages = [...files].filter(([file]) => file.endsWith('.html')).map(([, text]) => text);
  const sheets = [...files].filter(([file]) => file.endsWith('.css'));
  const linked = sheets
    .filter(([file]) => named(file, [...pages, ...sheets.filter(([other]) => other !== file).map(([, text]) => text)]))
    .map(([, text]) => text);
  const fonts = [...files.keys()].filter(isFont);
  return new Set(fonts.filter((font) => !named(font, [...pages, ...linked])));
}

export interface Precache {
  entries: PrecacheEntry[];
  /** Bytes of all precached files, as stored (uncompressed). */
  bytes: number;
}

/** The precache manifest of the built site in `siteDir`. Throws if a file would be left out. */
export async function precacheManifest(siteDir: string): Promise<Precache> {
  const files = (await filesUnder(siteDir)).filter(
    (file) => !NOT_PRECACHED.some((pattern) => matchesGlob(file, pattern)),
  );
  // Each file is read once, and only what the list needs is kept (at 10,000 notes the pages alone
  // are 230 MB): its size, its integrity unless its name is content-hashed, and for pages and
  // stylesheets the font and stylesheet names they hold (to find the unused fonts). The rest only
  // need their size.
  const names = [...new Set(files.filter((file) => file.endsWith('.css') || isFont(file)).map(nameOf))];
  const read = new Map<string, { size: number; integrity?: string; names: string }>();
  await runPool(
    files.filter((file) => isPageOrSheet(file) || !isContentHashed(file)),
    READ_CONCURRENCY,
    async (file) => {
      const bytes = await readFile(join(siteDir, file));
      const text = isPageOrSheet(file) ? bytes.toString('utf8') : '';
      read.set(file, {
        size: bytes.length,
        ...(isContentHashed(file) ? {} : { integrity: integrityOf(bytes) }),
        // `/` joins them: no file name holds one, so no name can match across two.
        names: names.filter((name) => text.includes(name)).join('/'),
      });
    },
  );
  const texts = new Map(
    files
      .filter((file) => isPageOrSheet(file) || isFont(file))
      .map((file) => [file, read.get(file)?.names ?? ''] as const),
  );
  const unused = unusedFonts(texts);
  const entries: PrecacheEntry[] = [];
  const tooLarge: string[] = [];
  let bytes = 0;
  for (const file of files) {
    if (unused.has(file)) continue;
    const size = read.get(file)?.size ?? (await stat(join(siteDir, file))).size;
    if (size > MAX_FILE_BYTES) {
      tooLarge.push(`${file} is ${size} bytes, more than ${MAX_FILE_BYTES}`);
      continue;
    }
    bytes += size;
    if (isContentHashed(file)) entries.push({ url: urlForFile(file), revision: null });
    else {
      const integrity = read.get(file)!.integrity!;
      entries.push({ url: urlForFile(file), revision: integrity, integrity });
    }
  }
  // An offline copy without one of its files is broken.
  if (tooLarge.length > 0) throw new OfflineBuildError(`the offline copy would be incomplete: ${tooLarge.join('; ')}`);
  if (!entries.some((entry) => entry.url === '/')) throw new OfflineBuildError(`no index.html in ${siteDir}`);
  return { entries, bytes };
}
