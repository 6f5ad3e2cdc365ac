/**
 * Reading aids in Chromium against the built site under the production headers: the copy button
 * on code blocks, 目次 tracking, the phone menu (also without JavaScript), and the print
 * stylesheet; axe on the new controls in light and dark.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { useSite } from '../support/site.ts';

const site = useSite();
const projectRoot = join(import.meta.dirname, '..', '..');

interface Opened {
  context: BrowserContext;
  page: Page;
  problems: string[];
}
async function open(
  path: string,
  options: Parameters<Browser['newContext']>[0] & { before?: (page: Page) => Promise<unknown> } = {},
): Promise<Opened> {
  const { before, ...contextOptions } = options;
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await before?.(page);
  await page.goto(`${site.url}${path}`);
  return { context, page, problems };
}

/** The fenced code blocks of a note's source, as written. */
async function fences(note: string): Promise<string[]> {
  const source = await readFile(join(projectRoot, 'content', 'notes', `${note}.md`), 'utf8');
  return [...source.matchAll(/^```[^\n]*\n([\s\S]*?)\n```$/gm)].map((match) => match[1]!);
}

describe('copy button on code blocks', () => {
  test('reached with Tab, Enter copies the code as written in the note, and コピーしました is announced', async () => {
    const { context, page, problems } = await open('/notes/docker/');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    const [code] = await fences('docker');
    expect(code).toBeTruthy();
    const buttons = page.getByRole('button', { name: 'コピー', exact: true });
    expect(await buttons.count()).toBe((await fences('docker')).length);

    // Keyboard only: Tab from the top of the page until the copy button has the focus.
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('copy-button') ?? false);
    }
    expect(reached).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.matches(':focus-visible'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role="status"]').last().textContent()).toBe('コピーしました');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('コピーしました');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a refused clipboard says so, in the button and the live region', async () => {
    const { context, page, problems } = await open('/notes/docker/', {
      before: (p) =>
        p.addInitScript(() => {
          Object.defineProperty(navigator, 'clipboard', {
            value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
          });
        }),
    });
    await page.getByRole('button', { name: 'コピー', exact: true }).first().click();
    await expect.poll(() => page.locator('[role="status"]').last().textContent()).toBe('コピーできませんでした');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a note without code blocks loads no copy code', async () => {
    const { context, page } = await open('/notes/iam/');
    await page.waitForLoadState('load');
    const scripts = await page.$$eval('script[src]', (s) => s.map((e) => e.getAttribute('src')));
    expect(scripts.some((src) => /CodeCopy/.test(src!))).toBe(false);
    expect(await page.locator('.copy-button').count()).toBe(0);
    await context.close();
  });
});

describe('目次 tracking', () => {
  const current = (page: Page) =>
    page.$$eval('.note > .toc a[aria-current]', (links) =>
      links.map((l) => [l.getAttribute('href'), l.getAttribute('aria-current')]),
    );

  test('the section in view is marked aria-current="location" while scrolling, one at a time', async () => {
    const { context, page, problems } = await open('/notes/iam/', { viewport: { width: 1400, height: 900 } });
    const hrefs = await page.$$eval('.note > .toc a', (links) => links.map((l) => l.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(3);
    expect(await current(page)).toEqual([]); // at the top, before any section
    for (const href of [hrefs[1]!, hrefs[3]!, hrefs[0]!]) {
      await page.evaluate((id) => document.getElementById(id)!.scrollIntoView(), href.slice(1));
      await expect.poll(() => current(page)).toEqual([[href, 'location']]);
    }
    // Scrolled to the end: the last section, even though its heading cannot reach the top.
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => current(page)).toEqual([[hrefs.at(-1), 'location']]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('the sticky 目次 scrolls itself to keep the marked entry visible, without moving the page', async () => {
    // A short window: the ECS note's contents list is taller than its sticky box.
    const { context, page, problems } = await open('/notes/ecs/', { viewport: { width: 1400, height: 420 } });
    const toc = page.locator('.note > .toc');
    const overflow = await toc.evaluate((el) => el.scrollHeight > el.clientHeight);
    expect(overflow, 'the contents list must overflow its box for this test').toBe(true);
    const last = await page.$$eval('.note > .toc a', (links) => links.at(-1)!.getAttribute('href')!);
    await page.evaluate((id) => document.getElementById(id)!.scrollIntoView(), last.slice(1));
    await expect.poll(() => current(page)).toEqual([[last, 'location']]);
    const pageY: number = await page.evaluate(() => window.scrollY);
    const visible = await page.evaluate(() => {
      const box = document.querySelector('.note > .toc')!.getBoundingClientRect();
      const link = document.querySelector('.note > .toc a[aria-current]')!.getBoundingClientRect();
      return link.top >= box.top - 1 && link.bottom <= box.bottom + 1;
    });
    expect(visible).toBe(true);
    expect(await toc.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => window.scrollY)).toBe(pageY);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('phone navigation (390 px)', () => {
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  test.each([true, false])(
    'JavaScript %s: the note list and the 目次 open from the top of the page',
    async (javaScriptEnabled) => {
      const { context, page } = await open('/notes/iam/', { ...phone, javaScriptEnabled });
      const notes = page.locator('.note-nav summary', { hasText: 'ノート一覧' });
      const toc = page.locator('.note-nav summary', { hasText: '目次' });
      for (const summary of [notes, toc]) {
        const box = (await summary.boundingBox())!;
        expect(box.y + box.height).toBeLessThan(844); // on the first screen
        expect(box.height).toBeGreaterThanOrEqual(44); // a finger-sized target
      }
      // The copies further down are hidden on a phone: each list is there once.
      expect(await page.locator('.note-layout > .sidebar').isVisible()).toBe(false);
      expect(await page.locator('.note > .toc').isVisible()).toBe(false);

      await notes.click();
      const current = page.locator('.note-nav .sidebar a[aria-current="page"]');
      expect(await current.isVisible()).toBe(true);
      expect(await current.getAttribute('href')).toBe('/notes/iam/');
      await toc.click();
      const link = page.locator('.note-nav .toc a').nth(2);
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await page.waitForURL((url) => decodeURIComponent(url.hash) === href);
      const top = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, href.slice(1));
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(844 / 2);
      await context.close();
    },
  );

  test('on a wide screen the menu is hidden and the sidebar and 目次 are shown', async () => {
    const { context, page } = await open('/notes/iam/');
    expect(await page.locator('.note-nav').isVisible()).toBe(false);
    expect(await page.locator('.note-layout > .sidebar').isVisible()).toBe(true);
    expect(await page.locator('.note > .toc').isVisible()).toBe(true);
    await context.close();
  });

  test.each(['light', 'dark'] as const)('axe: no violations with the menus open, %s', async (colorScheme) => {
    const { context, page } = await open('/notes/iam/', { ...phone, colorScheme });
    for (const summary of await page.locator('.note-nav summary').all()) await summary.click();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('copy buttons and 目次 marks under axe', () => {
  test.each(['light', 'dark'] as const)('%s: no violations', async (colorScheme) => {
    const { context, page } = await open('/notes/docker/', { colorScheme, viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    await page.locator('.copy-button').first().click(); // the button as "コピーしました"
    const last = await page.$$eval('.note > .toc a', (links) => links.at(-1)!.getAttribute('href')!);
    await page.evaluate((id) => document.getElementById(id)!.scrollIntoView(), last.slice(1));
    await expect.poll(() => page.locator('.note > .toc a[aria-current]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('print', () => {
  test.each(['light', 'dark'] as const)(
    'the note only (%s theme chosen), in light colours, external URLs written out, boxes kept whole',
    async (theme) => {
      const { context, page } = await open('/notes/iam/', {
        before: (p) => p.addInitScript((t) => localStorage.setItem('theme', t), theme),
      });
      await page.emulateMedia({ media: 'print' });
      for (const hidden of [
        '.site-header',
        '.sidebar',
        '.toc',
        '.note-nav',
        '.prev-next',
        '.related-notes',
        '.search-button',
        '.copy-markdown',
        '.skip-link',
        '.site-footer',
      ]) {
        const shown = await page.locator(hidden).evaluateAll((els) => els.some((el) => el.checkVisibility()));
        expect(shown, hidden).toBe(false);
      }
      expect(await page.locator('article h1').isVisible()).toBe(true);
      const style = await page.evaluate(() => {
        const body = getComputedStyle(document.body);
        const external = document.querySelector<HTMLAnchorElement>(
          '.prose a[href^="http"], .references a[href^="http"]',
        )!;
        const callout = document.querySelector('.msg')!;
        return {
          background: body.backgroundColor,
          color: body.color,
          after: getComputedStyle(external, '::after').content,
          href: external.getAttribute('href'),
          internalAfter: getComputedStyle(document.querySelector('.prose a:not([href^="http"])')!, '::after').content,
          calloutBreak: getComputedStyle(callout).breakInside,
          calloutAdjust: getComputedStyle(callout).printColorAdjust,
          calloutBackground: getComputedStyle(callout).backgroundColor,
        };
      });
      expect(style.background).toBe('rgb(253, 253, 252)'); // the light --bg
      expect(style.color).toBe('rgb(31, 35, 40)'); // the light --fg
      expect(style.after).toBe(`" (${style.href})"`);
      expect(style.internalAfter).not.toContain('(/');
      expect(style.calloutBreak).toBe('avoid');
      expect(style.calloutAdjust).toBe('exact');
      expect(style.calloutBackground).not.toBe('rgba(0, 0, 0, 0)');
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await context.close();
    },
  );

  test('code blocks wrap instead of being cut off, and are kept on one page where they fit', async () => {
    const { context, page } = await open('/notes/docker/');
    await page.emulateMedia({ media: 'print' });
    const pre = await page
      .locator('pre.astro-code')
      .first()
      .evaluate((el) => {
        const style = getComputedStyle(el);
        return {
          whiteSpace: style.whiteSpace,
          breakInside: style.breakInside,
          copy: !!el.parentElement?.querySelector('.copy-button')?.checkVisibility(),
        };
      });
    expect(pre).toEqual({ whiteSpace: 'pre-wrap', breakInside: 'avoid', copy: false });
    await context.close();
  });
});
