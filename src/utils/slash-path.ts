import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * A path of this system with `/` between its parts, as URLs, S3 keys and messages write it:
 * `notes\iam.md` → `notes/iam.md` on Windows. Only the system's separator is replaced: on Linux
 * and macOS `\` is a character a file name may hold, and it stays.
 */
export const toSlashPath = (path: string, separator: string = sep) => path.split(separator).join('/');

/** Every file under `dir` (recursively), as slash paths relative to it (`notes/iam/index.html`), sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => toSlashPath(relative(dir, join(entry.parentPath, entry.name))))
    .sort();
}
