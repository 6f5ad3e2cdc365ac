import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Parser } from 'htmlparser2';
import { pageUrlOf } from '../site-config.ts';
import { safeDecodeUriComponent } from './safe-decode.ts';
import { srcsetUrls } from './safe-url.ts';

/** Where an internal link leads in the built site: the file S3 serves and the fragment, if any. */
export interface LinkTarget {
  file: string;
  fragment?: string;
}

const base = 'https://site.invalid';

/**
 * Resolves `href` as found on the page at `pageUrl` the way S3 + CloudFront serve the site: a
 * folder URL serves its `index.html`, an extension-less path is redirected to the folder. Returns
 * undefined for anything that leaves the site (other hosts, mailto:, javascript:, …).
 */
export function resolveInternalLink(href: string, pageUrl: string): LinkTarget | undefined {
  if (href.startsWith('//') || /^[a-z][a-z\d+.-]*:/i.test(href)) return undefined;
  const url = new URL(href, base + pageUrl);
  if (url.origin !== base) return undefined;
  // A malformed escape an author typed (`/notes/100%/`) stays as written: reported as a dead link, not a crash.
  let path = safeDecodeUriComponent(url.pathname);
  if (path.endsWith('/')) path += 'index.html';
  else if (!extname(path)) path += '/index.html';
  const fragment = url.hash ? percentDecode(url.hash.slice(1)) : undefined;
  return { file: path.slice(1), ...(fragment ? { fragment } : {}) };
}

/**
 * A fragment decoded as a browser decodes it to find its element: each `%XX` run that is UTF-8,
 * a `%` that starts none left as it is (a heading "100%" has the id `100%`, its link `#100%`).
 */
const percentDecode = (text: string) =>
  text.replace(/(?:%[\da-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });

export interface DeadLink {
  /** The page the link is on, as a URL path (`/notes/iam/`). */
  page: string;
  href: string;
  problem: string;
  /** What is missing: the page or file itself, or only the element its `#fragment` names. */
  missing: 'page' | 'fragment';
}

/** What the link check needs from a page: its element ids and every URL it references. */
export interface ScannedPage {
  ids: Set<string>;
  references: string[];
}

const srcTags = new Set(['img', 'script', 'source', 'iframe', 'video', 'audio']);

/**
 * One streaming pass over a page (htmlparser2, no DOM): `a`/`link` `href`; `img`, `script`,
 * `source`, `iframe`, `video`, `audio` `src`; `video` `poster`; `img`/`source` `srcset`; and every
 * `id`. Building a DOM per page (twice: as a page and as a link target) made the check the
 * slowest step of a large build.
 */
export function scanHtml(html: string): ScannedPage {
  const ids = new Set<string>();
  const references: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes.id !== undefined) ids.add(attributes.id);
        if ((name === 'a' || name === 'link') && attributes.href !== undefined) references.push(attributes.href);
        if (srcTags.has(name) && attributes.src !== undefined) references.push(attributes.src);
        if (name === 'video' && attributes.poster !== undefined) references.push(attributes.poster);
        if ((name === 'img' || name === 'source') && attributes.srcset !== undefined)
          references.push(...srcsetUrls(attributes.srcset));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { ids, references };
}

/**
 * Every internal `href`/`src`/`srcset` in the built HTML that would not resolve on S3 + CloudFront: a
 * missing file, or a `#fragment` with no element of that id on the target page. Each page is read
 * and parsed once, whether it is checked or linked to.
 */
export async function findDeadLinks(distDir: string, htmlFiles: string[]): Promise<DeadLink[]> {
  // What is kept of a page once read: its ids as one string, and its links until it is checked.
  // Every page's Set of ids and list of links held ~70 MB at 1,000 notes, 700 MB at 10,000, while
  // Pagefind's process ran beside the check.
  const read = new Map<string, Promise<{ ids: string; references?: string[] }>>();
  const scan = (file: string) => {
    let page = read.get(file);
    if (!page) {
      page = readFile(join(distDir, file), 'utf8').then((html) => {
        const { ids, references } = scanHtml(html);
        // NUL joins them: no attribute value holds one (HTML's parser replaces it).
        return { ids: `\0${[...ids].join('\0')}\0`, references };
      });
      read.set(file, page);
    }
    return page;
  };
  const exists = new Map<string, boolean>();
  const fileExists = (file: string) => {
    let found = exists.get(file);
    if (found === undefined) {
      found = existsSync(join(distDir, file));
      exists.set(file, found);
    }
    return found;
  };
  const dead: DeadLink[] = [];
  for (const file of htmlFiles) {
    const page = pageUrlOf(file);
    const scanned = await scan(file);
    for (const href of new Set(scanned.references)) {
      const target = resolveInternalLink(href, page);
      if (!target) continue;
      if (!fileExists(target.file)) {
        dead.push({ page, href, problem: `no page or file "/${target.file}" in the build`, missing: 'page' });
      } else if (
        target.fragment &&
        target.file.endsWith('.html') &&
        (target.fragment.includes('\0') || !(await scan(target.file)).ids.includes(`\0${target.fragment}\0`))
      ) {
        dead.push({
          page,
          href,
          problem: `"/${target.file}" has no element with id "${target.fragment}"`,
          missing: 'fragment',
        });
      }
    }
    scanned.references = undefined; // checked: only its ids can still be asked for
  }
  return dead;
}
