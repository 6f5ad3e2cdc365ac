/**
 * The 復習 page in Chromium under the production CSP: keyboard-only review, progress kept across a
 * reload, a deck limited to one category, reset, working offline once loaded, and the plain list
 * without JavaScript.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, test } from 'vitest';
import { securityHeaderValues } from '../../infra/security-headers.ts';
import { loadGlossary, type GlossaryTerm } from '../../src/utils/glossary.ts';
import { launchChromium } from '../support/browser.ts';
import { assertBuilt, distDir } from '../support/dist.ts';
import { startStaticServer, type RunningServer } from '../support/static-server.ts';

let browser: Browser;
let server: RunningServer;
let terms: GlossaryTerm[];
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  assertBuilt();
  terms = (await loadGlossary()).terms;
  server = await startStaticServer({ root: distDir, headers: securityHeaderValues() });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
});
afterEach(async () => {
  await context.close();
});

const open = async () => {
  await page.goto(`${server.url}/review/`);
  await page.locator('[data-review-card]').waitFor({ state: 'visible' });
};
const shownTerm = () => page.locator('[data-review-term]').textContent();
const progress = () => page.locator('[data-review-progress]').textContent();
const definitionOf = (term: string) => terms.find((t) => t.term === term)!.definition;

describe('復習', () => {
  test('keyboard only: Space reveals the definition, 1 marks 覚えた, Enter and 2 mark まだ; progress survives a reload', async () => {
    await open();
    expect(await progress()).toBe(`覚えた 0 / ${terms.length}（残り ${terms.length}）`);
    const first = (await shownTerm())!;
    expect(first).toBe(terms[0]!.term);
    expect(await page.locator('[data-review-definition]').isVisible()).toBe(false);

    await page.keyboard.press('Space');
    expect(await page.locator('[data-review-definition]').textContent()).toBe(definitionOf(first));
    expect(await page.locator('[data-review-definition]').isVisible()).toBe(true);
    // Focus moves to 覚えた, visibly.
    expect(await page.evaluate(() => document.activeElement?.matches('[data-review-mark="known"]:focus-visible'))).toBe(
      true,
    );
    await page.keyboard.press('1');
    expect(await progress()).toBe(`覚えた 1 / ${terms.length}（残り ${terms.length - 1}）`);

    const second = (await shownTerm())!;
    expect(second).not.toBe(first);
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-review-definition]').textContent()).toBe(definitionOf(second));
    await page.keyboard.press('2'); // まだ: back of the queue
    expect(await progress()).toBe(`覚えた 1 / ${terms.length}（残り ${terms.length - 1}）`);
    expect(await shownTerm()).not.toBe(second);

    await page.reload();
    await page.locator('[data-review-card]').waitFor({ state: 'visible' });
    expect(await progress()).toBe(`覚えた 1 / ${terms.length}（残り ${terms.length - 1}）`);
    const order: string[] = [];
    for (let i = 0; i < terms.length - 1; i++) {
      order.push((await shownTerm())!);
      await page.keyboard.press('Space');
      await page.keyboard.press('1');
    }
    expect(order).not.toContain(first); // known cards are not asked again
    expect(order.at(-1)).toBe(second); // まだ cards come after the unseen ones
    expect(await page.locator('[data-review-done]').isVisible()).toBe(true);
    expect(await progress()).toBe(`覚えた ${terms.length} / ${terms.length}（残り 0）`);
    expect(problems).toEqual([]);
  });

  test('the deck can be limited to a category, and the choice and progress can be reset', async () => {
    await open();
    const category = 'CI/CD';
    const inCategory = terms.filter((t) => t.category === category);
    expect(inCategory.length).toBeGreaterThan(1);
    await page.locator('[data-review-category]').selectOption(category);
    expect(await progress()).toBe(`覚えた 0 / ${inCategory.length}（残り ${inCategory.length}）`);
    const seen: string[] = [];
    for (let i = 0; i < inCategory.length; i++) {
      seen.push((await shownTerm())!);
      await page.locator('[data-review-reveal]').click();
      await page.locator('[data-review-mark="known"]').click();
    }
    expect(new Set(seen)).toEqual(new Set(inCategory.map((t) => t.term)));
    await page.reload();
    expect(await page.locator('[data-review-category]').inputValue()).toBe(category);
    expect(await page.locator('[data-review-done]').isVisible()).toBe(true);

    await page.locator('[data-review-reset]').click();
    expect(await progress()).toBe(`覚えた 0 / ${inCategory.length}（残り ${inCategory.length}）`);
    await page.reload();
    expect(await progress()).toBe(`覚えた 0 / ${inCategory.length}（残り ${inCategory.length}）`);
    expect(problems).toEqual([]);
  });

  test('works offline once loaded', async () => {
    await open();
    await context.setOffline(true);
    const first = (await shownTerm())!;
    await page.keyboard.press('Space');
    await page.keyboard.press('1');
    expect(await shownTerm()).not.toBe(first);
    expect(await progress()).toBe(`覚えた 1 / ${terms.length}（残り ${terms.length - 1}）`);
    await context.setOffline(false);
    expect(problems).toEqual([]);
  });

  test('without JavaScript the page is the list of terms, each definition behind <details>', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${server.url}/review/`);
    expect(await plain.locator('[data-review]').isVisible()).toBe(false);
    expect(await plain.locator('[data-review-deck] summary').count()).toBe(terms.length);
    await plain.locator('[data-review-deck] summary').first().click();
    expect(await plain.locator('[data-review-deck] [data-definition]').first().textContent()).toBe(
      terms[0]!.definition,
    );
    await noJs.close();
  });
});

describe('復習 with hostile stored progress', () => {
  const STORAGE_KEY = 'aws-memo:review:v1';
  // What another version, an extension or a hand edit could have left in localStorage.
  const cases: [name: string, stored: () => string][] = [
    ['marks is a string', () => '{"marks":"x"}'],
    ['marks is a number', () => '{"marks":1}'],
    ['marks is an array', () => '{"marks":["known"]}'],
    ['marks is null', () => '{"marks":null}'],
    ['not JSON', () => '{marks:'],
    ['JSON null', () => 'null'],
    ['category is an object', () => '{"marks":{},"category":{"x":1}}'],
    ['a __proto__ mark', () => '{"marks":{"__proto__":{"known":1}}}'],
    ['unknown mark values', () => JSON.stringify({ marks: { [terms[0]!.key]: 'bogus', [terms[1]!.key]: 7 } })],
  ];
  test.each(cases)('%s: the session works, no error, and what it saves is valid', async (_name, stored) => {
    const value = stored();
    await page.addInitScript(
      ([key, value]) => {
        // Only on the first load: later loads must see what the page saved.
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key!, value!);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [STORAGE_KEY, value],
    );
    await open();
    expect(await progress()).toBe(`覚えた 0 / ${terms.length}（残り ${terms.length}）`);
    expect(await shownTerm()).toBe(terms[0]!.term);
    await page.keyboard.press('Space');
    await page.keyboard.press('1');
    await page.keyboard.press('Space');
    await page.keyboard.press('2');
    expect(await progress()).toBe(`覚えた 1 / ${terms.length}（残り ${terms.length - 1}）`);
    const saved = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY))!);
    expect(saved.marks).toEqual({ [terms[0]!.key]: 'known', [terms[1]!.key]: 'again' });
    await page.reload();
    await page.locator('[data-review-card]').waitFor({ state: 'visible' });
    expect(await progress()).toBe(`覚えた 1 / ${terms.length}（残り ${terms.length - 1}）`);
    expect(problems).toEqual([]);
  });

  test('valid marks are kept beside invalid ones', async () => {
    const stored = { marks: { [terms[0]!.key]: 'known', [terms[1]!.key]: 'bogus', [terms[2]!.key]: 'again' } };
    await page.addInitScript(
      ([key, value]) => localStorage.setItem(key!, value!),
      [STORAGE_KEY, JSON.stringify(stored)],
    );
    await open();
    expect(await progress()).toBe(`覚えた 1 / ${terms.length}（残り ${terms.length - 1}）`);
    // terms[1] lost its unknown mark, so it is unseen and comes first; terms[2] (まだ) comes last.
    expect(await shownTerm()).toBe(terms[1]!.term);
    expect(problems).toEqual([]);
  });
});
