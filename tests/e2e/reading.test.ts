import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { listHtmlPages } from '../support/dist.ts';
import { useSite } from '../support/site.ts';
import { pageUrlOf } from '../../src/site-config.ts';

/** Screenshots land here so a reviewer can look at what the tests saw. */
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const site = useSite();

beforeAll(async () => {
  await mkdir(shots, { recursive: true });
});
/** Relative luminance of a CSS rgb() colour, 0 (black) to 1 (white). */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

async function colours(page: Page, selector: string) {
  return page.$eval(selector, (element) => {
    const style = getComputedStyle(element);
    const bodyStyle = getComputedStyle(document.body);
    return {
      background: style.backgroundColor,
      color: style.color,
      body: bodyStyle.backgroundColor,
      text: bodyStyle.color,
    };
  });
}

describe('reading a note', () => {
  test.each(['light', 'dark'] as const)('the IAM note with its callout is readable in %s mode', async (scheme) => {
    const page = await site.browser.newPage({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.url}/notes/iam/`);
    const callout = page.locator('aside.msg').first();
    await callout.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `iam-${scheme}.png`), fullPage: true });
    await callout.screenshot({ path: join(shots, `iam-callout-${scheme}.png`) });
    const c = await colours(page, 'aside.msg .msg-content p');
    expect(luminance(c.body) > 0.5).toBe(scheme === 'light');
    expect(contrast(c.text, c.body)).toBeGreaterThan(7);
    const box = await colours(page, 'aside.msg');
    expect(contrast(c.color, box.background)).toBeGreaterThan(4.5);
    expect(box.background).not.toBe(box.body);
    await page.close();
  });

  test('code follows the colour scheme (Shiki dual themes, no script)', async () => {
    const colour = async (scheme: 'light' | 'dark') => {
      const page = await site.browser.newPage({ colorScheme: scheme });
      await page.goto(`${site.url}/notes/docker/`);
      const pre = await colours(page, 'pre.astro-code');
      await page.close();
      return pre.background;
    };
    const [light, dark] = [await colour('light'), await colour('dark')];
    expect(luminance(light)).toBeGreaterThan(0.8);
    expect(luminance(dark)).toBeLessThan(0.1);
  });

  test('the theme toggle switches, is announced as pressed, and persists across pages without a flash', async () => {
    const context = await site.browser.newContext({ colorScheme: 'light' });
    // Record the page's background the moment <body> first exists, before any later script runs.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        observer.disconnect();
        (window as unknown as { firstBackground: string }).firstBackground = getComputedStyle(
          document.body,
        ).backgroundColor;
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(`${site.url}/notes/iam/`);
    const toggle = page.locator('[data-theme-toggle]');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    await page.click('a[rel="next"]');
    await page.waitForURL(/\/notes\/edge-services\/$/);
    const first = await page.evaluate(() => (window as unknown as { firstBackground: string }).firstBackground);
    expect(luminance(first)).toBeLessThan(0.1);
    expect(await page.locator('[data-theme-toggle]').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: join(shots, 'edge-services-dark-after-toggle.png') });

    await page.locator('[data-theme-toggle]').click();
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await context.close();
  });

  test('no page scrolls sideways on a 360 px phone', async () => {
    const page = await site.browser.newPage({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
    const wide: string[] = [];
    for (const file of await listHtmlPages()) {
      await page.goto(site.url + pageUrlOf(file));
      const [scrollWidth, clientWidth] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      if (scrollWidth > clientWidth) wide.push(`${file}: ${scrollWidth}px > ${clientWidth}px`);
    }
    await page.goto(`${site.url}/notes/codepipeline/`);
    await page.screenshot({ path: join(shots, 'codepipeline-360-dark.png'), fullPage: true });
    expect(wide).toEqual([]);
    await page.close();
  });

  test('keyboard: the first Tab shows the skip link, which moves focus to the note; focus is visible', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/notes/ecs/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement;
      const rect = active.getBoundingClientRect();
      return {
        text: active.textContent,
        visible: rect.top >= 0 && rect.height > 0,
        outline: getComputedStyle(active).outlineStyle,
      };
    });
    expect(skip).toEqual({ text: '本文へスキップ', visible: true, outline: 'solid' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.closest('main') !== null);
    expect(next).toBe(true);
    await page.close();
  });
});
