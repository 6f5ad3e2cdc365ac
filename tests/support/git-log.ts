import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '..', '..');

/**
 * Every commit date of a file of the project, as ISO strings in UTC, from git itself (renames
 * followed): what a page's 最終更新 and the feed can be checked against without the site's own
 * git-dates module.
 */
export function commitDatesOf(file: string): string[] {
  return execFileSync('git', ['log', '--follow', '--format=%cI', '--', file], { cwd: projectRoot, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((date) => new Date(date).toISOString());
}
