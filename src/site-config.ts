import { z } from 'astro/zod';

/**
 * The site's configuration, read once from the environment and validated here; everything else
 * (astro.config.mjs, pages, the deploy, the tests) imports `siteConfig` instead of reading
 * `process.env`. Build-time only: a browser never loads this module.
 */

/** Canonical URLs use this until `SITE_URL` is set (or the deploy passes the stack's URL). */
export const PLACEHOLDER_SITE_URL = 'https://aws-memo.example.com/';

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
      error: `${name} must be an http(s) URL such as https://notes.example.org`,
      abort: true,
    });

/**
 * `https://notes.example.org` → `https://notes.example.org/`, or what is wrong with it. The site
 * lives at the root of its host (CloudFront serves `/`), so a path, query, fragment or credentials
 * are mistakes. The build (`SITE_URL`) and the deploy (`--site-url`, the stack's URL) both use it.
 */
export function normaliseSiteUrl(text: string): string | { problem: string } {
  const trimmed = text.trim();
  if (!URL.canParse(trimmed)) return { problem: 'must be an absolute http(s) URL such as https://notes.example.org' };
  const url = new URL(trimmed);
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:'
      ? 'must start with https://'
      : url.username || url.password
        ? 'must not contain a user name or password'
        : url.search || url.hash || trimmed.includes('?') || trimmed.includes('#')
          ? 'must not have a query or fragment'
          : url.pathname !== '/'
            ? 'must be the root of the host (the site is served from /)'
            : undefined;
  return problem ? { problem } : `${url.protocol}//${url.host}/`;
}

const envSchema = z.object({
  /** Where the site is served: canonical links, Open Graph and the sitemap. */
  SITE_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .transform((text, context) => {
        const url = normaliseSiteUrl(text);
        if (typeof url === 'string') return url;
        context.issues.push({ code: 'custom', message: `SITE_URL ${url.problem}`, input: text });
        return z.NEVER;
      })
      .optional(),
  ),
  /** The notes' repository, for "edit this note" links (`https://github.com/owner/repo`); unset: no link. */
  REPO_URL: z.preprocess(
    blankIsUnset,
    httpUrl('REPO_URL')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  /** The branch edit links open. */
  REPO_BRANCH: z.preprocess(blankIsUnset, z.string().trim().default('main')),
  /** `1`: a problem a page would show in place (a bad formula, embed URL or image) stops the build. */
  NOTES_STRICT: z.preprocess(
    blankIsUnset,
    z.enum(['0', '1'], { error: 'NOTES_STRICT must be 1 (stop on problems shown in place) or 0' }).default('0'),
  ),
});

export interface SiteConfig {
  /** The public URL, ending in `/`. */
  siteUrl: string;
  /** True when `siteUrl` is the placeholder, not where the site really lives. */
  siteUrlIsPlaceholder: boolean;
  repoUrl?: string;
  repoBranch: string;
  /** The content folder, relative to the project root: `notes/`, zenn-cli's `articles/`, `books/` and `images/`. */
  contentDir: string;
  /** Problems shown in place (`markdown/content-warnings.ts`) stop the build instead of warning. */
  strict: boolean;
}

class SiteConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteConfigError';
  }
}

/** Reads and checks the configuration from an environment (`process.env` for the site itself). */
export function readSiteConfig(env: Record<string, string | undefined>): SiteConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SiteConfigError(`${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])}).`);
  }
  const { SITE_URL, REPO_URL, REPO_BRANCH, NOTES_STRICT } = parsed.data;
  return {
    siteUrl: SITE_URL ?? PLACEHOLDER_SITE_URL,
    siteUrlIsPlaceholder: SITE_URL === undefined,
    repoUrl: REPO_URL,
    repoBranch: REPO_BRANCH,
    contentDir: 'content',
    strict: NOTES_STRICT === '1',
  };
}

export const siteConfig: SiteConfig = readSiteConfig(typeof process === 'undefined' ? {} : process.env);

// The site's URL scheme: where a note, a topic and a built file are served (with the trailing
// slash the site is built with, `trailingSlash: 'always'`).

/** `/notes/iam/` */
export const notePath = (id: string) => `/notes/${id}/`;
/** `/notes/iam.md`: the note's Markdown, for AI assistants and 「Markdownをコピー」 (`/llms.txt` lists them). */
export const noteMarkdownPath = (id: string) => `/notes/${id}.md`;
/** `/topics/%E3%83%AD%E3%82%B0/` */
export const topicPath = (topic: string) => `/topics/${encodeURIComponent(topic)}/`;
/** The URL a built file answers: `notes/iam/index.html` → `/notes/iam/`, `404.html` → `/404.html`. */
export const pageUrlOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
/** The note id a URL path points to (`/notes/iam/#x` → `iam`), if it points to a note. */
export function noteIdOfPath(path: string): string | undefined {
  const match = /^\/notes\/((?:[^/#?]+\/)*?[^/#?]+)\/?(?:[#?]|$)/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}
