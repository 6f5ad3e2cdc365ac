import { execFileSync } from 'node:child_process';

/**
 * When a file was last changed, from git: the committer date of the last commit touching it
 * (`git log -1 --format=%cI -- <file>`). A shallow clone's history is cut, so its dates would all
 * be the clone's commit: then, like without git, there is no git date and the note's frontmatter
 * `updated` is used instead (CI: check out with full history, e.g. `fetch-depth: 0`).
 */

let history: boolean | undefined;
const dates = new Map<string, Date | undefined>();

const git = (args: string[], cwd: string) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** True when `cwd` is in a git work tree with its full history. */
export function hasGitHistory(cwd = process.cwd()): boolean {
  if (history === undefined) {
    try {
      history = git(['rev-parse', '--is-shallow-repository'], cwd) === 'false';
    } catch {
      history = false; // no git, or not a repository
    }
  }
  return history;
}

/** The last commit date of `file` (a path from `cwd`), or undefined (not committed, no git, shallow clone). */
export function gitLastModified(file: string, cwd = process.cwd()): Date | undefined {
  if (!hasGitHistory(cwd)) return undefined;
  const key = `${cwd}\0${file}`;
  if (!dates.has(key)) {
    let date: Date | undefined;
    try {
      const out = git(['log', '-1', '--format=%cI', '--', file], cwd);
      date = out ? new Date(out) : undefined;
    } catch {
      date = undefined;
    }
    dates.set(key, date);
  }
  return dates.get(key);
}

export interface LastUpdated {
  date: Date;
  source: 'git' | 'frontmatter';
}

/** The date a note shows: git's, else the frontmatter's `updated`, else none. */
export function lastUpdated(file: string, frontmatter?: Date, cwd = process.cwd()): LastUpdated | undefined {
  const fromGit = gitLastModified(file, cwd);
  if (fromGit) return { date: fromGit, source: 'git' };
  return frontmatter ? { date: frontmatter, source: 'frontmatter' } : undefined;
}

/** `2024年1月5日`, in Japan time (the author's). */
export const formatJaDate = (date: Date) =>
  new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(date);

/** `2024-01-05`, for `<time datetime>`, in Japan time to match the text. */
export const isoJaDate = (date: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(date);
