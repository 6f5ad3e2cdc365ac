/**
 * Many search results, as a reader meets them in Chromium: a throwaway site where twelve notes
 * mention サブネット lists five, and 「さらに表示」 lists the next ones, from the mouse and the
 * keyboard, until all twelve are there. Also: a new search while the old button is pressed, a
 * failed fetch, a query no note really matches, and axe in light and dark with the button shown.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/axe.ts';
import { useSite } from '../support/site.ts';
import { throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

const MANY = 12;
const note = (id: string, title: string, order: number, body: string) => [
  `notes/${id}.md`,
  `---\ntitle: "${title}"\ndescription: "${title}のノート。"\ncategory: "ネットワーク"\norder: ${order}\n---\n## 概要\n\n${body}\n`,
];
const content = Object.fromEntries([
  ...Array.from({ length: MANY }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return note(`subnet-${n}`, `サブネット ${n}`, i + 1, `サブネット ${n} はルートを持つ。ノート番号 ${n} の本文。`);
  }),
  note('route-table', 'ルートテーブル', 20, 'ルートテーブルは VPC の経路を決める。'),
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

const status = (page: Page) => page.locator('#search-status');
const results = (page: Page) => page.locator('#search-results > li');
const more = (page: Page) => page.locator('.search-more');
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 50 });
const focusedHref = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('href'));
const titles = (page: Page) => page.locator('#search-results .search-result-title').allTextContents();

async function openSearch(colorScheme: 'light' | 'dark' = 'light') {
  const context = await site.browser.newContext({ colorScheme });
  const page = await context.newPage();
  const fragments: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/pagefind/fragment/')) fragments.push(path);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`${site.url}/`, { waitUntil: 'load' });
  await page.keyboard.press('/');
  await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
  return { page, fragments, problems, close: () => context.close() };
}

describe('many results', () => {
  test('five first; the button lists five more each press, with focus on the first new one, until all are listed', async () => {
    const { page, fragments, problems, close } = await openSearch();
    await page.keyboard.type('サブネット');
    await poll(() => status(page).textContent()).toBe(`「サブネット」の検索結果: ${MANY}件`);
    expect(await results(page).count()).toBe(5);
    expect(fragments, 'only the listed notes’ text is fetched').toHaveLength(5);
    expect(await more(page).textContent()).toBe('さらに表示（残り7件）');

    // Keyboard: ↓ from the input walks the results' links (titles and sections), then reaches the
    // button; Enter presses it.
    const links = page.locator('#search-results a[href]');
    const linkCount = await links.count();
    for (let i = 0; i < linkCount; i++) await page.keyboard.press('ArrowDown');
    expect(await focusedHref(page)).toBe(await links.last().getAttribute('href'));
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('search-more');
    await page.keyboard.press('Enter');
    await poll(() => results(page).count()).toBe(10);
    expect(await focusedHref(page)).toBe(await results(page).nth(5).locator('a').first().getAttribute('href'));
    expect(await more(page).textContent()).toBe('さらに表示（残り2件）');

    // Mouse: the last press lists the last two and the button goes.
    await more(page).click();
    await poll(() => results(page).count()).toBe(MANY);
    expect(await more(page).isVisible()).toBe(false);
    expect(await focusedHref(page)).toBe(await results(page).nth(10).locator('a').first().getAttribute('href'));
    const listed = await titles(page);
    expect(new Set(listed)).toEqual(
      new Set(Array.from({ length: MANY }, (_, i) => `サブネット ${String(i + 1).padStart(2, '0')}`)),
    );
    expect(fragments).toHaveLength(MANY);
    expect(problems).toEqual([]);
    await close();
  });

  test('the button is in the Tab order inside the dialog', async () => {
    const { page, close } = await openSearch();
    await page.keyboard.type('サブネット');
    await poll(() => results(page).count()).toBe(5);
    const reached: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.className ?? ''));
    }
    expect(reached).toContain('search-more');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#search-dialog'))).toBe(true);
    await close();
  });

  test('a press while a newer search is loading changes nothing: the new search lists its own first five', async () => {
    const { page, close } = await openSearch();
    await page.keyboard.type('サブネット');
    await poll(() => results(page).count()).toBe(5);
    const firstFive = await titles(page);
    // The same words in one category: a new search of the same twelve notes, started at once. Its
    // filter index is held back 0.8 s, so it is still loading when the old button is pressed; the
    // texts a press would fetch (results 6–10) are held back 1.6 s, past the new search's listing.
    await page.route('**/pagefind/filter/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.route('**/pagefind/fragment/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1600));
      await route.continue();
    });
    await page.locator('#search-category').selectOption('ネットワーク');
    await page.waitForTimeout(200);
    expect(await more(page).isVisible(), 'the old list and its button are still shown').toBe(true);
    await more(page).click();
    await poll(() => status(page).textContent()).toBe(`「サブネット」の検索結果（ネットワーク）: ${MANY}件`);
    await page.waitForTimeout(2500);
    expect(await titles(page)).toEqual(firstFive);
    expect(await more(page).textContent()).toBe('さらに表示（残り7件）');
    await close();
  });

  test('a failed fetch says so and loses nothing: the next press lists the same five', async () => {
    const { page, close } = await openSearch();
    await page.keyboard.type('サブネット');
    await poll(() => results(page).count()).toBe(5);
    await page.route('**/pagefind/fragment/**', (route) => route.abort('internetdisconnected'));
    await more(page).click();
    await poll(() => status(page).textContent()).toMatch(/検索できませんでした/);
    expect(await results(page).count()).toBe(5);
    expect(await more(page).textContent()).toBe('さらに表示（残り7件）');
    await page.unroute('**/pagefind/fragment/**');
    await more(page).click();
    await poll(() => results(page).count()).toBe(10);
    expect(await status(page).textContent()).toBe(`「サブネット」の検索結果: ${MANY}件`);
    expect(new Set(await titles(page)).size).toBe(10);
    await close();
  });

  test('a query no note really contains (Pagefind ignores zzqx) says so after fetching at most ten notes’ text', async () => {
    const { page, fragments, close } = await openSearch();
    await page.keyboard.type('サブネット zzqx');
    await poll(() => status(page).textContent()).toMatch(/「サブネット zzqx」に一致するノートはありません/);
    await page.waitForTimeout(300);
    expect(fragments.length).toBeGreaterThan(0);
    expect(fragments.length).toBeLessThanOrEqual(10);
    expect(await results(page).count()).toBe(0);
    expect(await more(page).isVisible()).toBe(false);
    await close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds nothing with the button shown (${scheme})`, async () => {
      const { page, close } = await openSearch(scheme);
      await page.keyboard.type('サブネット');
      await poll(() => more(page).isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await close();
    });
  }
});
