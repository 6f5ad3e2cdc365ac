import { bundledLanguages } from 'shiki';

/** Languages notes commonly use, loaded even before a note uses them (tests render any snippet). */
const commonLanguages = ['js', 'ts', 'jsx', 'tsx', 'json', 'yaml', 'toml', 'sh', 'bash', 'shell', 'diff'];

const fence = /^ {0,3}(?:`{3,}|~{3,})\s*([^\s`:]+)(?:\s+([^\s`:]+))?/;

/**
 * The code languages to load into Shiki before anything is highlighted: the common ones and every
 * one the notes' fences name (```` ```js:index.js ````, ```` ```diff ts ````). Shiki loading a
 * language while another page is being highlighted can colour that page with the wrong theme
 * (shikijs/shiki#1009), and Astro loads languages on first use, from pages compiled in parallel;
 * with every language loaded up front, nothing loads during highlighting. `sources` are the notes'
 * texts (the note index reads them).
 */
export function codeLanguages(sources: Iterable<string>): string[] {
  const found = new Set<string>(commonLanguages);
  for (const source of sources) {
    for (const line of source.split('\n')) {
      const match = fence.exec(line);
      if (!match) continue;
      found.add(match[1]!.toLowerCase());
      if (match[1] === 'diff' && match[2]) found.add(match[2].toLowerCase());
    }
  }
  return [...found].filter((language) => Object.hasOwn(bundledLanguages, language)).sort();
}
