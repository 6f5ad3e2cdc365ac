import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseHTML } from 'linkedom';

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
  let path = decodeURIComponent(url.pathname);
  if (path.endsWith('/')) path += 'index.html';
  else if (!extname(path)) path += '/index.html';
  const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined;
  return { file: path.slice(1), ...(fragment ? { fragment } : {}) };
}

export interface DeadLink {
  /** The page the link is on, as a URL path (`/notes/iam/`). */
  page: string;
  href: string;
  problem: string;
}

/** `notes/iam/index.html` → `/notes/iam/`. */
export const pageUrlOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** The URLs of a `srcset` (`a.png 1x, b.png 2x` or `a.png 480w, …`). */
export const srcsetUrls = (srcset: string) =>
  srcset
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);

/**
 * Every internal `href`/`src`/`srcset` in the built HTML that would not resolve on S3 + CloudFront: a
 * missing file, or a `#fragment` with no element of that id on the target page.
 */
export async function findDeadLinks(distDir: string, htmlFiles: string[]): Promise<DeadLink[]> {
  const ids = new Map<string, Set<string>>();
  const idsOf = async (file: string) => {
    let found = ids.get(file);
    if (!found) {
      const { document } = parseHTML(await readFile(join(distDir, file), 'utf8'));
      found = new Set([...document.querySelectorAll('[id]')].map((element) => element.id));
      ids.set(file, found);
    }
    return found;
  };
  const dead: DeadLink[] = [];
  for (const file of htmlFiles) {
    const page = pageUrlOf(file);
    const { document } = parseHTML(await readFile(join(distDir, file), 'utf8'));
    const references = [
      ...[...document.querySelectorAll('a[href], link[href]')].map((element) => element.getAttribute('href')!),
      ...[...document.querySelectorAll('img[src], script[src], source[src], iframe[src], video[src], audio[src]')].map((element) => element.getAttribute('src')!),
      ...[...document.querySelectorAll('video[poster]')].map((element) => element.getAttribute('poster')!),
      ...[...document.querySelectorAll('img[srcset], source[srcset]')].flatMap((element) => srcsetUrls(element.getAttribute('srcset')!)),
    ];
    for (const href of new Set(references)) {
      const target = resolveInternalLink(href, page);
      if (!target) continue;
      if (!existsSync(join(distDir, target.file))) {
        dead.push({ page, href, problem: `no page or file "/${target.file}" in the build` });
      } else if (target.fragment && target.file.endsWith('.html') && !(await idsOf(target.file)).has(target.fragment)) {
        dead.push({ page, href, problem: `"/${target.file}" has no element with id "${target.fragment}"` });
      }
    }
  }
  return dead;
}
