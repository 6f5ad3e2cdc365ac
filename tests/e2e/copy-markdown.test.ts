/**
 * 「Markdownをコピー」 and the files AI assistants read, in Chromium against the built site served
 * as S3 + CloudFront serve it (the viewer-request function, the deploy's Content-Type and
 * Cache-Control, the production CSP): the button is reached with the keyboard, puts exactly the
 * served `/notes/<id>.md` on the clipboard and announces it; its code loads only on use; a
 * failure is said; axe in light and dark.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { CACHE_RELEASE } from '../../deploy/cache-rules.ts';
import { axeViolations } from '../support/axe.ts';
import { distDir } from '../support/dist.ts';
import { useSite } from '../support/site.ts';

const site = useSite();
const BUTTON = { name: 'Markdownをコピー', exact: true } as const;

interface Opened {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Paths of the scripts the page has requested so far. */
  scripts: string[];
}
async function open(
  path: string,
  options: Parameters<Browser['newContext']>[0] & { before?: (page: Page) => Promise<unknown> } = {},
): Promise<Opened> {
  const { before, ...contextOptions } = options;
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  const problems: string[] = [];
  const scripts: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await before?.(page);
  await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
  return { context, page, problems, scripts };
}

const served = (file: string) => readFile(join(distDir, file), 'utf8');
/** The module and the Markdown load on first use, while the service worker fills its cache: allow time. */
const SLOW = { timeout: 10_000 };
const status = (page: Page) => page.locator('[role="status"]').last().textContent();
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe('served as on CloudFront', () => {
  test.each([
    ['/llms.txt', 'llms.txt', 'text/plain; charset=utf-8'],
    ['/notes/iam.md', 'notes/iam.md', 'text/markdown; charset=utf-8'],
  ])('%s: its file, in UTF-8, revalidated like a page', async (path, file, type) => {
    const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('cache-control')).toBe(CACHE_RELEASE);
    expect(await response.text()).toBe(await served(file));
  });
});

describe('「Markdownをコピー」', () => {
  test('reached with Tab, Enter copies the note’s Markdown as served, and コピーしました is announced', async () => {
    const { context, page, problems, scripts } = await open('/notes/iam/');
    // Nothing of the button's code before the reader comes near it.
    expect(scripts.filter((script) => script.includes('copy-markdown'))).toEqual([]);

    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('copy-markdown') ?? false);
    }
    expect(reached).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.matches(':focus-visible'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page), SLOW).toBe('コピーしました');
    expect(await clipboard(page)).toBe(await served('notes/iam.md'));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('コピーしました');
    expect(scripts.filter((script) => script.includes('copy-markdown'))).toHaveLength(1);
    // The label comes back.
    await expect.poll(() => page.getByRole('button', BUTTON).count(), { timeout: 5000 }).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a browser without ClipboardItem gets the same text through writeText', async () => {
    const { context, page, problems } = await open('/notes/docker/', {
      before: (p) => p.addInitScript(() => Reflect.deleteProperty(window, 'ClipboardItem')),
    });
    expect(await page.evaluate(() => 'ClipboardItem' in window)).toBe(false);
    await page.getByRole('button', BUTTON).click();
    await expect.poll(() => status(page), SLOW).toBe('コピーしました');
    expect(await clipboard(page)).toBe(await served('notes/docker.md'));
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a refused clipboard says so, in the button and the live region', async () => {
    const { context, page, problems } = await open('/notes/iam/', {
      before: (p) =>
        p.addInitScript(() => {
          const refuse = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
          Object.defineProperty(navigator, 'clipboard', { value: { write: refuse, writeText: refuse } });
        }),
    });
    await page.getByRole('button', BUTTON).click();
    await expect.poll(() => status(page), SLOW).toBe('コピーできませんでした');
    expect(await page.locator('.copy-markdown').textContent()).toBe('コピーできませんでした');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('without the network the copy fails aloud, and works once the network is back', async () => {
    const { context, page } = await open('/notes/iam/');
    await page.route('**/*.md', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', BUTTON).click();
    await expect.poll(() => status(page), SLOW).toBe('コピーできませんでした');
    await page.unroute('**/*.md');
    await page.locator('.copy-markdown').click();
    await expect.poll(() => status(page), SLOW).toBe('コピーしました');
    expect(await clipboard(page)).toBe(await served('notes/iam.md'));
    await context.close();
  });

  test('search still opens from its button and from / (the same loader)', async () => {
    const { context, page, problems } = await open('/notes/iam/');
    await page.locator('.search-button').click();
    await page.locator('dialog[open] #search-input').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    await page.locator('dialog[open] #search-input').waitFor({ state: 'visible' });
    expect(problems).toEqual([]);
    await context.close();
  });

  test.each(['light', 'dark'] as const)(
    'axe, %s: no violations with the button focused and after a copy',
    async (colorScheme) => {
      const { context, page } = await open('/notes/iam/', { colorScheme });
      await page.locator('.copy-markdown').focus();
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('.copy-markdown').click();
      await expect.poll(() => status(page), SLOW).toBe('コピーしました');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );
});
