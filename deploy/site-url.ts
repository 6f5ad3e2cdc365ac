/**
 * The public URL the deployed build must name in its canonical links, Open Graph tags and sitemap:
 * `--site-url`/`SITE_URL`, else the URL the stack serves (its custom domain, else the CloudFront
 * domain: the `SiteUrl` output). Pure, apart from reading a built index.html.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normaliseSiteUrl, PLACEHOLDER_SITE_URL } from '../src/site-config.ts';
import { DeployError } from './deploy-error.ts';

/** `https://notes.example.org` → `https://notes.example.org/`; refuses anything else, naming where it came from. */
export function parseSiteUrl(text: string, from: string): string {
  const url = normaliseSiteUrl(text);
  if (typeof url !== 'string') throw new DeployError(`${from} ${url.problem}, got "${text}".`);
  return url;
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
