import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, test } from 'vitest';
import { oneLine } from '../../src/utils/one-line.ts';
import { assertBuilt, listHtmlPages, readPage } from '../support/dist.ts';
import { textOf } from '../support/html.ts';

/**
 * The memo is the author's words: every sentence, list item, table cell, code line and link of
 * the fixture copy must be on the built site. Units are cut from the memo's own Markdown tree.
 */
const memoPath = join(import.meta.dirname, '..', 'fixtures', 'aws-memo.zenn.md');

interface MemoUnits {
  texts: string[];
  links: string[];
  tabRows: string[][];
}

async function memoUnits(): Promise<MemoUnits> {
  const source = (await readFile(memoPath, 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '');
  const tree = unified().use(remarkParse).use(remarkGfm).parse(source) as Root;
  const texts: string[] = [];
  const links: string[] = [];
  const tabRows: string[][] = [];
  visit(tree, (node) => {
    // Addresses the author wrote (GFM also guesses links from `www.` text: not the author's links).
    if (node.type === 'link' && source.includes(node.url)) links.push(node.url);
    if (node.type === 'heading' || node.type === 'tableCell') texts.push(toString(node));
    if (node.type === 'code') texts.push(...node.value.split('\n'));
    if (node.type === 'paragraph') {
      const bareUrls = new Set<string>();
      visit(node, 'link', (link) => void bareUrls.add(link.url));
      for (const line of toString(node).split('\n')) {
        if (/^:{3,}/.test(line.trim()) || bareUrls.has(line.trim())) continue; // Zenn fences; URL lines are cards (href checked)
        if (line.includes('\t')) tabRows.push(line.split('\t'));
        else texts.push(line);
      }
    }
  });
  return { texts: texts.map(oneLine).filter(Boolean), links, tabRows };
}

describe('memo fidelity', () => {
  let siteText = '';
  const hrefs = new Set<string>();
  let units: MemoUnits;

  beforeAll(async () => {
    assertBuilt();
    units = await memoUnits();
    for (const file of await listHtmlPages()) {
      const page = await readPage(file);
      siteText += ` ${textOf(page.querySelector('main'))}`;
      for (const a of page.querySelectorAll('a[href]')) hrefs.add(a.getAttribute('href')!);
    }
  });

  test('the fixture is the real memo (sanity: it has all the sections)', () => {
    expect(units.texts).toEqual(
      expect.arrayContaining(['IAM', 'エッジサービス', 'CloudFront', 'CodePipeline', 'ECS', 'Kinesis', 'AWS WAF']),
    );
    expect(units.texts.length).toBeGreaterThan(150);
  });

  test('every heading, sentence, list item, table cell and code line is on the site, word for word', () => {
    const missing = units.texts.filter((text) => !siteText.includes(text));
    expect(missing).toEqual([]);
  });

  test('every link of the memo is a link on the site, to the same address', () => {
    const missing = units.links.filter((url) => !hrefs.has(url));
    expect(missing).toEqual([]);
  });

  test('the tab-separated CodePipeline stage list is a real table, row for row', async () => {
    const page = await readPage('notes/codepipeline/index.html');
    const rows = [...page.querySelectorAll('table tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((cell) => textOf(cell)),
    );
    expect(units.tabRows).toHaveLength(7);
    expect(rows).toEqual(units.tabRows);
    expect([...page.querySelectorAll('table th')].map((th) => th.textContent)).toEqual([
      'ステージ名',
      '処理内容',
      '主な対象',
    ]);
  });
});
