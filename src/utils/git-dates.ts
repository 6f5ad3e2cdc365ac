import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import { toSlashPath } from './slash-path.ts';

/**
 * When a file was last changed, from git: the committer date of the last commit touching it
 * (`git log -1 --format=%cI -- <file>`). A shallow clone's history is cut, so its dates would all
 * be the clone's commit: then, like without git, there is no git date and the note's frontmatter
 * `updated` is used instead (CI: check out with full history, e.g. `fetch-depth: 0`).
 */

const git = (args: string[], cwd: string) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** True when `cwd` is in a git work tree with its full history. */
function hasGitHistory(cwd: string): boolean {
  try {
    return git(['rev-parse', '--is-shallow-repository'], cwd) === 'false';
  } catch {
    return false; // no git, or not a repository
  }
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

/**
 * The last commit date of a file (a path from `cwd`), or undefined (not committed, no git, shallow
 * clone). Each call makes a reader of its own, which asks git once per folder and remembers the
 * answers as long as it lives: a build makes one (`notePages`), so a second project or a later
 * build in the same process asks git afresh.
 */
export function gitDates(cwd: string): (file: string) => Date | undefined {
  let history: boolean | undefined;
  const dates = new Map<string, Map<string, Date>>();
  return (file) => {
    if (!(history ??= hasGitHistory(cwd))) return undefined;
    const dir = posix.dirname(toSlashPath(file));
    let inDir = dates.get(dir);
    if (!inDir) {
      inDir = lastCommitDates(dir, cwd);
      dates.set(dir, inDir);
    }
    return inDir.get(posix.normalize(toSlashPath(file)));
  };
}

export interface LastUpdated {
  date: Date;
  source: 'git' | 'frontmatter';
}

/**
 * The one rule for a note's last update, which its page shows as 最終更新 and the feed dates it
 * by: its last commit, else its frontmatter `updated`, else none. Never the file's time: in a
 * fresh checkout (CI's shallow clone included) every file has the time of the checkout, so every
 * note would look changed on every build.
 */
export function lastUpdated(gitDate: Date | undefined, frontmatter: Date | undefined): LastUpdated | undefined {
  if (gitDate) return { date: gitDate, source: 'git' };
  return frontmatter ? { date: frontmatter, source: 'frontmatter' } : undefined;
}

// Made once: a DateTimeFormat is costly to construct, and every note page formats two dates.
const jaLong = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' });
const isoDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });

/** `2024年1月5日`, in Japan time (the author's). */
export const formatJaDate = (date: Date) => jaLong.format(date);

/** `2024-01-05`, for `<time datetime>`, in Japan time to match the text. */
export const isoJaDate = (date: Date) => isoDay.format(date);
