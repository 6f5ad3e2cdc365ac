/**
 * Spellings readers type, in Chromium on a throwaway site whose notes each use one spelling
 * only: the long-vowel mark kept or dropped (サーバ / サーバー), and hiragana for a katakana
 * word. A query in one spelling lists the note in the other, and the note opened from the result
 * marks the word as the note writes it.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite } from '../support/site.ts';
import { throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

const note = (id: string, title: string, order: number, body: string) => [
  `notes/${id}.md`,
  `---\ntitle: "${title}"\ndescription: "${title}のノート。"\ncategory: "ネットワーク"\norder: ${order}\n---\n## 概要\n\n${body}\n`,
];
const content = Object.fromEntries([
  note('short-server', 'ウェブの配信', 1, 'ウェブサーバの設定を確かめる。'),
  note('long-user', '利用者の管理', 2, 'ユーザーをグループにまとめて管理する。'),
  note('route-table', 'ルートテーブル', 3, 'ルートテーブルは経路を決める。'),
]);

let fixture: ThrowawaySite | undefined;
const site = useSite({
  build: async () => {
    fixture = await throwawaySite({ content });
    const { ok, output } = await fixture.build();
    if (!ok) throw new Error(output.slice(-3000));
    return join(fixture.dir, 'dist');
  },
});
afterAll(() => fixture?.remove());

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 50 });

async function search(page: Page, query: string): Promise<string[]> {
  await page.locator('#search-input').fill('');
  await page.locator('#search-input').fill(query);
  await poll(() => page.locator('#search-status').textContent()).toContain(`「${query}」`);
  return page
    .locator('#search-results > li > .search-result-link')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
}

async function openSearch(): Promise<Page> {
  const page = await site.browser.newPage();
  await page.goto(`${site.url}/`, { waitUntil: 'load' });
  await page.keyboard.press('/');
  await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
  return page;
}

describe('spelling variants', () => {
  test.each([
    ['サーバー', '/notes/short-server/', 'サーバ'],
    ['ウェブサーバーの設定', '/notes/short-server/', 'ウェブサーバ'],
    ['ユーザ', '/notes/long-user/', 'ユーザー'],
    ['ユーザの管理', '/notes/long-user/', 'ユーザー'],
    ['るーとてーぶる', '/notes/route-table/', 'ルートテーブル'],
  ])('%s lists %s, and the note marks %s', async (query, path, marked) => {
    const page = await openSearch();
    expect(await search(page, query)).toEqual([path]);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === path);
    await poll(() => page.locator('mark.search-hit').allTextContents()).toContain(marked);
    // Each word is marked once, not again inside its own mark.
    expect(await page.locator('mark.search-hit mark.search-hit').count()).toBe(0);
    await page.close();
  });
});
