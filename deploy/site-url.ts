/**
 * The public URL the deployed build must name in its canonical links, Open Graph tags and sitemap:
 * `--site-url`/`SITE_URL`, else the URL the stack serves (its custom domain, else the CloudFront
 * domain: the `SiteUrl` output). Pure, apart from reading a built index.html.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeployError } from './deploy-error.ts';

/** What astro.config.mjs uses when SITE_URL is unset; a deploy must never publish it. */
export const PLACEHOLDER_SITE_URL = 'https://aws-memo.example.com/';

/**
 * `https://notes.example.org` → `https://notes.example.org/`. The site lives at the root of its
 * host (CloudFront serves `/`), so a path, query, fragment or credentials are mistakes.
 */
export function parseSiteUrl(text: string, from: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new DeployError(`${from} must be an absolute http(s) URL such as https://notes.example.org, got "${text}".`);
  }
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:'
      ? 'must start with https://'
      : url.username || url.password
        ? 'must not contain a user name or password'
        : url.search || url.hash || text.includes('?') || text.includes('#')
          ? 'must not have a query or fragment'
          : url.pathname !== '/'
            ? 'must be the root of the host (the site is served from /)'
            : undefined;
  if (problem) throw new DeployError(`${from} ${problem}, got "${text}".`);
  return `${url.protocol}//${url.host}/`;
}

export interface SiteUrl {
  url: string;
  /** Where it came from, as the deploy prints it. */
  from: string;
}

export function resolveSiteUrl(
  flag: { value?: string; from: string },
  stackSiteUrl: string | undefined,
): SiteUrl | undefined {
  if (flag.value) return { url: parseSiteUrl(flag.value, flag.from), from: flag.from };
  if (stackSiteUrl)
    return { url: parseSiteUrl(stackSiteUrl, 'the stack output SiteUrl'), from: 'the stack output SiteUrl' };
  return undefined;
}

/** The canonical URL of a built site's home page, or undefined when it has none. */
export async function builtSiteUrl(dist: string): Promise<string | undefined> {
  const html = await readFile(join(dist, 'index.html'), 'utf8').catch(() => '');
  const match =
    /<link\s[^>]*rel="canonical"[^>]*href="([^"]+)"/.exec(html) ??
    /<link\s[^>]*href="([^"]+)"[^>]*rel="canonical"/.exec(html);
  return match?.[1];
}

/** With --skip-build: refuses a build whose canonical URLs name another site than the target. */
export async function checkBuiltFor(dist: string, site: SiteUrl | undefined): Promise<void> {
  const built = await builtSiteUrl(dist);
  if (!site) {
    if (built === PLACEHOLDER_SITE_URL) {
      throw new DeployError(
        `${dist} was built with the placeholder site URL ${PLACEHOLDER_SITE_URL}. Pass --site-url (or set SITE_URL) and run without --skip-build.`,
      );
    }
    return;
  }
  if (built !== site.url) {
    throw new DeployError(
      `${dist} was built for ${built ?? 'no canonical URL'}, but the site is served at ${site.url} (${site.from}). Run without --skip-build, or build with SITE_URL=${site.url}.`,
    );
  }
}
