import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledLanguages } from 'shiki';
import { listNoteFiles } from '../loaders/note-sources.ts';

/** Languages notes commonly use, loaded even before a note uses them (tests render any snippet). */
const commonLanguages = ['js', 'ts', 'jsx', 'tsx', 'json', 'yaml', 'toml', 'sh', 'bash', 'shell', 'diff'];

const fence = /^ {0,3}(?:`{3,}|~{3,})\s*([^\s`:]+)(?:\s+([^\s`:]+))?/;

/**
 * The code languages to load into Shiki before anything is highlighted: the common ones and every
 * one the notes' fences name (```` ```js:index.js ````, ```` ```diff ts ````). Shiki loading a
 * language while another page is being highlighted can colour that page with the wrong theme
 * (shikijs/shiki#1009), and Astro loads languages on first use, from pages compiled in parallel;
 * with every language loaded up front, nothing loads during highlighting.
 */
export function codeLanguages(contentDir: string): string[] {
  const found = new Set<string>(commonLanguages);
  for (const entry of listNoteFiles(contentDir)) {
    for (const line of readFileSync(join(contentDir, entry), 'utf8').split('\n')) {
      const match = fence.exec(line);
      if (!match) continue;
      found.add(match[1]!.toLowerCase());
      if (match[1] === 'diff' && match[2]) found.add(match[2].toLowerCase());
    }
  }
  return [...found].filter((language) => Object.hasOwn(bundledLanguages, language)).sort();
}
