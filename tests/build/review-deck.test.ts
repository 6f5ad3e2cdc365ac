/** The built Anki files of the 復習 deck: every term both ways, absolute URLs on the configured site. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { noteCategories } from '../../src/schemas/note.ts';
import { loadGlossary } from '../../src/glossary/load.ts';
import type { GlossaryTerm } from '../../src/glossary/types.ts';
import { siteConfig } from '../../src/site-config.ts';
import { assertBuilt, distDir, listDistFiles, readPage } from '../support/dist.ts';

/** The configured site URL without its final `/`. */
const site = siteConfig.siteUrl.replace(/\/$/, '');

/** Anki's reading of one data line: tab-separated, each field in quotes with "" for a quote. */
const fields = (line: string) =>
  line.split('\t').map((field) => {
    expect(field).toMatch(/^"(?:[^"]|"")*"$/);
    return field.slice(1, -1).replaceAll('""', '"');
  });

let terms: GlossaryTerm[];
beforeAll(async () => {
  assertBuilt();
  terms = (await loadGlossary({ root: join(import.meta.dirname, '..', '..'), contentDir: siteConfig.contentDir }))
    .terms;
});

async function deck(file: string) {
  const lines = (await readFile(join(distDir, file), 'utf8')).split('\n');
  expect(lines.slice(0, 4)).toEqual(['#separator:tab', '#html:false', '#columns:表\t裏\t出典\tタグ', '#tags column:4']);
  expect(lines.at(-1)).toBe('');
  return lines.slice(4, -1).map(fields);
}

describe('Anki decks', () => {
  test('all.tsv: each term as term → definition and definition → term, with its note’s absolute URL and tags', async () => {
    const rows = await deck('review/anki/all.tsv');
    expect(rows).toHaveLength(terms.length * 2);
    for (const term of terms) {
      const url = new URL(term.href, site).href;
      expect(url.startsWith(`${site}/notes/`)).toBe(true);
      const category = `AWSメモ::${term.category.replace(/\s+/g, '_')}`;
      expect(rows).toContainEqual([term.term, term.definition, url, `AWSメモ ${category} 用語→定義`]);
      expect(rows).toContainEqual([term.definition, term.term, url, `AWSメモ ${category} 定義→用語`]);
    }
  });

  test('one file per category with terms, each with exactly its terms; the review page links them', async () => {
    const files = (await listDistFiles()).filter((f) => f.startsWith('review/anki/'));
    const used = noteCategories.filter((c) => terms.some((t) => t.category === c));
    expect(files).toHaveLength(used.length + 1);
    const page = await readPage('review/index.html');
    for (const category of used) {
      const option = [...page.querySelectorAll('[data-review-category] option')].find(
        (o) => o.getAttribute('value') === category,
      )!;
      const href = option.getAttribute('data-anki')!;
      expect(files).toContain(href.slice(1));
      const rows = await deck(href.slice(1));
      const inCategory = terms.filter((t) => t.category === category);
      expect(rows.map((r) => r[0]).slice(0, inCategory.length)).toEqual(inCategory.map((t) => t.term));
      expect(rows).toHaveLength(inCategory.length * 2);
    }
    expect(page.querySelector('[data-review-anki]')?.getAttribute('href')).toBe('/review/anki/all.tsv');
  });
});
