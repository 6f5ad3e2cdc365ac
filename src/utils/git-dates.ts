import { execFileSync } from 'node:child_process';
import { posix, sep } from 'node:path';

/**
 * When a file was last changed, from git: the committer date of the last commit touching it
 * (`git log -1 --format=%cI -- <file>`). A shallow clone's history is cut, so its dates would all
 * be the clone's commit: then, like without git, there is no git date and the note's frontmatter
 * `updated` is used instead (CI: check out with full history, e.g. `fetch-depth: 0`).
 */

let history: boolean | undefined;
const dates = new Map<string, Map<string, Date>>();

const git = (args: string[], cwd: string) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** True when `cwd` is in a git work tree with its full history. */
function hasGitHistory(cwd = process.cwd()): boolean {
  if (history === undefined) {
    try {
      history = git(['rev-parse', '--is-shallow-repository'], cwd) === 'false';
    } catch {
      history = false; // no git, or not a repository
    }
  }
  return history;
}

/**
 * The last commit date of every file under `dir`, from one `git log` (newest first, so a file's
 * first appearance is its last change): asking git once per note forked a process per page, which
 * cost more than rendering the page itself. A pure rename (`R100`: `iam.mdx` → `iam.md`) changes no
 * word of the note, so it is not its last change: the date is looked up under the old name.
 */
function lastCommitDates(dir: string, cwd: string): Map<string, Date> {
  const found = new Map<string, Date>();
  let out: string;
  try {
    out = execFileSync('git', ['log', '-z', '--format=%x01%cI', '--name-status', '-M', '--relative', '--', dir], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return found; // no git, or not a repository
  }
  const renamedTo = new Map<string, string>(); // an older name → the file's name today
  const today = (name: string) => renamedTo.get(name) ?? name;
  for (const commit of out.split('\x01').slice(1)) {
    const [date, ...fields] = commit.split('\0').map((field) => field.replace(/^\n/, ''));
    for (let i = 0; i < fields.length;) {
      const status = fields[i++]!;
      if (!status) continue;
      if (status.startsWith('R') || status.startsWith('C')) {
        const [from, to] = [fields[i++]!, fields[i++]!];
        if (status.startsWith('R')) renamedTo.set(from, today(to));
        if (status !== 'R100' && !found.has(today(to))) found.set(today(to), new Date(date!));
      } else {
        const name = today(fields[i++]!);
        if (!found.has(name)) found.set(name, new Date(date!));
      }
    }
  }
  return found;
}

/** The last commit date of `file` (a path from `cwd`), or undefined (not committed, no git, shallow clone). */
export function gitLastModified(file: string, cwd = process.cwd()): Date | undefined {
  if (!hasGitHistory(cwd)) return undefined;
  const dir = posix.dirname(file.split(sep).join('/'));
  const key = `${cwd}\0${dir}`;
  let inDir = dates.get(key);
  if (!inDir) {
    inDir = lastCommitDates(dir, cwd);
    dates.set(key, inDir);
  }
  return inDir.get(posix.normalize(file.split(sep).join('/')));
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

// Made once: a DateTimeFormat is costly to construct, and every note page formats two dates.
const jaLong = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' });
const isoDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });

/** `2024年1月5日`, in Japan time (the author's). */
export const formatJaDate = (date: Date) => jaLong.format(date);

/** `2024-01-05`, for `<time datetime>`, in Japan time to match the text. */
export const isoJaDate = (date: Date) => isoDay.format(date);
