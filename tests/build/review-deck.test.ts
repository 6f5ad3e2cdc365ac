/**
 * The built 復習 deck: the Anki files (every term both ways, absolute URLs on the configured site;
 * the 穴埋め deck in Anki's cloze notes), and every bold phrase of the memo asked exactly once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, test } from 'vitest';
import { noteCategories } from '../../src/schemas/note.ts';
import { loadGlossary } from '../../src/notes/glossary.ts';
import { createNoteIndex } from '../../src/notes/note-index.ts';
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
  terms = (
    await loadGlossary(
      createNoteIndex({ root: join(import.meta.dirname, '..', '..'), contentDir: siteConfig.contentDir }),
    )
  ).terms;
});

/** Anki's reading of a file: its `#key:value` header lines, then each data line's fields. */
async function ankiFile(file: string) {
  const lines = (await readFile(join(distDir, file), 'utf8')).split('\n');
  expect(lines.at(-1)).toBe('');
  const headers = lines.filter((line) => line.startsWith('#'));
  const rows = lines.slice(headers.length, -1).map(fields);
  expect(lines.slice(0, headers.length)).toEqual(headers); // headers first, none among the notes
  return { headers: Object.fromEntries(headers.map((h) => h.slice(1).split(/:(.*)/s).slice(0, 2))), rows };
}

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
    const files = (await listDistFiles()).filter((f) => f.startsWith('review/anki/') && !f.endsWith('-cloze.tsv'));
    const used = noteCategories.filter((c) => terms.some((t) => t.category === c));
    expect(files).toHaveLength(used.length + 1);
    const page = await readPage('review/index.html');
    for (const category of used) {
      const option = [...page.querySelectorAll('[data-review-category] option')].find(
        (o) => o.getAttribute('value') === category,
      )!;
      // The count is both sides of its terms and its 穴埋め cards.
      const clozes = page.querySelectorAll(`[data-review-cloze] li[data-category="${category}"]`).length;
      const termCount = terms.filter((t) => t.category === category).length;
      expect(option.textContent).toBe(`${category}（${termCount * 2 + clozes}枚）`);
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

/**
 * The memo's bold and emphasised phrases, read independently of the site's pipeline (plain
 * CommonMark + GFM): the outermost of each, its text with line breaks as spaces.
 */
async function memoPhrases(): Promise<string[]> {
  const source = await readFile(join(import.meta.dirname, '..', 'fixtures', 'aws-memo.zenn.md'), 'utf8');
  const tree = unified().use(remarkParse).use(remarkGfm).parse(source);
  const phrases: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'strong' || node.type === 'emphasis') phrases.push(toString(node).replace(/\s+/g, ' ').trim());
    else if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return phrases;
}

const counts = (list: readonly string[]) => {
  const map = new Map<string, number>();
  for (const item of list) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
};

describe('穴埋め cards', () => {
  test('every bold or emphasised phrase of the memo of three characters or more is asked in exactly one card', async () => {
    const phrases = await memoPhrases();
    const asked = phrases.filter((p) => [...p].length >= 3);
    const tooShort = phrases.filter((p) => [...p].length < 3);
    // The memo's own: the whole-sentence ones (アクセスキーを使うことで、…) are among those asked.
    expect(asked.length).toBeGreaterThanOrEqual(30);
    expect(asked).toContain('アクセスキーを使うことで、外部からAWSのサービスへプログラムアクセスができる');
    expect(asked).toContain('通信内容を検査');
    expect(tooShort).toEqual(['人', '隣人', '送る']);

    const page = await readPage('review/index.html');
    const answers = [...page.querySelectorAll('[data-review-cloze] li')].map(
      (li) => li.querySelector('[data-answer]')!.textContent!,
    );
    expect(counts(answers)).toEqual(counts(asked));
    // Each card's question is its sentence with that phrase blanked, with a link to its section.
    for (const li of page.querySelectorAll('[data-review-cloze] li')) {
      expect(li.querySelector('summary .review-blank')?.textContent).toBe('＿＿＿');
      expect(li.querySelector('[data-source]')?.getAttribute('href')).toMatch(/^\/notes\/[^/]+\/(#.+)?$/);
      expect(li.getAttribute('data-id')).toMatch(/^cloze:[^:]+:[A-Za-z0-9]{10}$/);
    }
    const ids = [...page.querySelectorAll('[data-review-cloze] li')].map((li) => li.getAttribute('data-id'));
    expect(new Set(ids).size).toBe(ids.length);
    // The IAM example of issue 25, a whole bold sentence, cued by its section's heading.
    const iam = [...page.querySelectorAll('[data-review-cloze] li')].find((li) =>
      li.querySelector('[data-answer]')!.textContent!.startsWith('アクセスキーを使うことで'),
    )!;
    expect(iam.querySelector('summary')!.textContent).toBe('アクセスキー：＿＿＿。');
    expect(iam.querySelector('[data-source]')!.getAttribute('href')).toBe('/notes/iam/#アクセスキー');
  });

  test('all-cloze.tsv is Anki cloze notes: one per sentence, {{cN::…}} per phrase, the section’s URL, tags, a GUID', async () => {
    const { headers, rows } = await ankiFile('review/anki/all-cloze.tsv');
    expect(headers).toEqual({
      separator: 'tab',
      html: 'false',
      notetype: 'Cloze',
      columns: 'Text\tBack Extra\tTags\tGUID',
      'tags column': '3',
      'guid column': '4',
    });
    const clozes: string[] = [];
    for (const [text, url, tags, guid] of rows) {
      // Anki's cloze syntax: c1, c2, … in order, nothing left unclosed.
      const found = [...text!.matchAll(/\{\{c(\d+)::(.*?)\}\}/g)];
      expect(found.map((m) => Number(m[1]))).toEqual(found.map((_, i) => i + 1));
      expect(text!.replace(/\{\{c\d+::(.*?)\}\}/g, '$1')).not.toMatch(/\{\{|\}\}|::/);
      clozes.push(...found.map((m) => m[2]!));
      expect(url!.startsWith(`${site}/notes/`)).toBe(true);
      expect(tags).toMatch(/^AWSメモ AWSメモ::\S+ 穴埋め$/);
      expect(guid).toMatch(/^aws-memo:[^:]+:[A-Za-z0-9]{10}$/);
    }
    expect(new Set(rows.map((r) => r[3])).size).toBe(rows.length);
    // The same phrases as the review page, one cloze each.
    const asked = (await memoPhrases()).filter((p) => [...p].length >= 3);
    expect(counts(clozes)).toEqual(counts(asked));
    // Fewer notes than cards: the sentences with several phrases are one note each.
    expect(rows.length).toBeLessThan(clozes.length);
  });

  test('one cloze file per category that has any, each with only that category’s sentences; the review page names them', async () => {
    const files = (await listDistFiles()).filter((f) => /^review\/anki\/.*-cloze\.tsv$/.test(f));
    const page = await readPage('review/index.html');
    const options = [...page.querySelectorAll('[data-review-category] option[data-anki-cloze]')];
    expect(options.map((o) => o.getAttribute('data-anki-cloze')!.slice(1)).sort()).toEqual(files.sort());
    const all = (await ankiFile('review/anki/all-cloze.tsv')).rows;
    let inCategories = 0;
    for (const option of options.filter((o) => o.getAttribute('value'))) {
      const { rows } = await ankiFile(option.getAttribute('data-anki-cloze')!.slice(1));
      const tag = `AWSメモ::${option.getAttribute('value')!.replace(/\s+/g, '_')}`;
      for (const row of rows) expect(row[2]!.split(' ')).toContain(tag);
      inCategories += rows.length;
    }
    expect(inCategories).toBe(all.length);
  });
});
