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
  const finished: string[] = [];
  const problems: string[] = [];
  const isFragment = (url: string) => new URL(url).pathname.startsWith('/pagefind/fragment/');
  page.on('request', (request) => isFragment(request.url()) && fragments.push(request.url()));
  page.on('requestfinished', (request) => isFragment(request.url()) && finished.push(request.url()));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`${site.url}/`, { waitUntil: 'load' });
  await page.keyboard.press('/');
  await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
  return { page, fragments, finished, problems, close: () => context.close() };
}

/** The whole query at once, as a paste: no in-between searches for its first letters. */
const search = (page: Page, query: string) => page.locator('#search-input').fill(query);

/** Searches サブネット (twelve notes) and waits for the first five results. */
async function listFirstFive(page: Page): Promise<void> {
  await search(page, 'サブネット');
  await poll(() => results(page).count()).toBe(5);
}

/** Holds the page's requests matching `pattern` until `release()`; `held` counts them. */
async function hold(page: Page, pattern: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route(pattern, async (route) => {
    held.push(route.request().url());
    await released;
    await route.continue();
  });
  return { held, release };
}

describe('many results', () => {
  test('five first; the button lists five more each press, with focus on the first new one, until all are listed', async () => {
    const { page, fragments, problems, close } = await openSearch();
    await search(page, 'サブネット');
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
    await listFirstFive(page);
    const reached: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.className ?? ''));
    }
    expect(reached).toContain('search-more');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#search-dialog'))).toBe(true);
    await close();
  });

  test('a press while a newer search is loading does nothing: the new search lists its own first five', async () => {
    const { page, fragments, close } = await openSearch();
    await listFirstFive(page);
    const firstFive = await titles(page);
    const fetchedBefore = fragments.length;
    // The same words in one category: a new search of the same twelve notes, held at its filter
    // index while the old list and button are still shown.
    const filter = await hold(page, '**/pagefind/filter/**');
    await page.locator('#search-category').selectOption('ネットワーク');
    await poll(() => filter.held.length).toBeGreaterThan(0);
    await more(page).click();
    filter.release();
    await poll(() => status(page).textContent()).toBe(`「サブネット」の検索結果（ネットワーク）: ${MANY}件`);
    expect(fragments.length, 'the press fetched nothing').toBe(fetchedBefore);
    expect(await titles(page)).toEqual(firstFive);
    expect(await more(page).textContent()).toBe('さらに表示（残り7件）');
    await close();
  });

  test('a press still loading when a newer search is listed adds nothing to it, and the new button works', async () => {
    const { page, finished, close } = await openSearch();
    await listFirstFive(page);
    const firstFive = await titles(page);
    const texts = await hold(page, '**/pagefind/fragment/**');
    await more(page).click();
    await poll(() => texts.held.length).toBe(5);
    // Results 6–10 are loading; the reader narrows to a category. The new search's first five
    // are the ones already fetched, so it lists them at once.
    await page.locator('#search-category').selectOption('ネットワーク');
    await poll(() => status(page).textContent()).toBe(`「サブネット」の検索結果（ネットワーク）: ${MANY}件`);
    expect(await more(page).getAttribute('aria-disabled'), 'the new button is not busy').toBeNull();
    const finishedBefore = finished.length;
    texts.release();
    await poll(() => finished.length).toBe(finishedBefore + 5);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    expect(await titles(page)).toEqual(firstFive);
    await more(page).click();
    await poll(() => results(page).count()).toBe(10);
    await close();
  });

  test('the button keeps keyboard focus while it loads, marked busy, then focus moves to the first new result', async () => {
    const { page, close } = await openSearch();
    await listFirstFive(page);
    const texts = await hold(page, '**/pagefind/fragment/**');
    await more(page).focus();
    await page.keyboard.press('Enter');
    await poll(() => texts.held.length).toBe(5);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('search-more');
    expect(await more(page).getAttribute('aria-disabled')).toBe('true');
    // A second Enter while it loads fetches nothing more.
    await page.keyboard.press('Enter');
    texts.release();
    await poll(() => results(page).count()).toBe(10);
    expect(await focusedHref(page)).toBe(await results(page).nth(5).locator('a').first().getAttribute('href'));
    expect(await more(page).getAttribute('aria-disabled')).toBeNull();
    expect(texts.held).toHaveLength(5);
    await close();
  });

  test('a failed fetch says so and loses nothing: the next press lists the same five', async () => {
    const { page, close } = await openSearch();
    await listFirstFive(page);
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
    await search(page, 'サブネット zzqx');
    await poll(() => status(page).textContent()).toMatch(/「サブネット zzqx」に一致するノートはありません/);
    expect(fragments.length).toBeGreaterThan(0);
    expect(fragments.length).toBeLessThanOrEqual(10);
    expect(await results(page).count()).toBe(0);
    expect(await more(page).isVisible()).toBe(false);
    await close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds nothing with the button shown (${scheme})`, async () => {
      const { page, close } = await openSearch(scheme);
      await search(page, 'サブネット');
      await poll(() => more(page).isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await close();
    });
  }
});
