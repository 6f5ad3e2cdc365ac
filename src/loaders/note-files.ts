import { readdirSync } from 'node:fs';
import { slug } from 'github-slugger';

/** File extensions that are notes. */
export const noteExtensions = ['.mdx'] as const;

/**
 * A note's id (its URL is `/notes/<id>/`) from its path in the notes folder: each folder and the
 * file name slugged as GitHub slugs headings, as Astro's own glob loader does (`My Note.mdx` →
 * `my-note`, `aws/IAM.mdx` → `aws/iam`, `aws/index.mdx` → `aws`).
 */
export function noteIdOf(entry: string): string {
  return entry
    .replace(/\.[^./]+$/, '')
    .split('/')
    .map((segment) => slug(segment))
    .join('/')
    .replace(/(^|\/)index$/, '');
}

/**
 * The note files under `dir`, as sorted paths relative to it with `/`, hidden files and folders
 * left out (as the glob loader leaves them out). Empty when `dir` does not exist.
 */
export function listNoteFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .map((entry) => entry.split('\\').join('/'))
    .filter((entry) => noteExtensions.some((extension) => entry.endsWith(extension)))
    .filter((entry) => !entry.split('/').some((segment) => segment.startsWith('.')))
    .sort();
}
