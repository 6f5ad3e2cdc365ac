/**
 * Term previews in Chromium, under the production CSP: the definition shows under a term link on
 * keyboard focus and on hover, without JavaScript, and screen readers get it as the link's description.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useSite } from '../support/site.ts';

const definition = 'ストリームデータを処理するためのアプリケーションを独自に構築。';
const site = useSite();

/** The preview as drawn: the link's ::after box, its text and whether it is on screen. */
const preview = (page: Page, name: string) =>
  page.evaluate((name) => {
    const link = [...document.querySelectorAll<HTMLAnchorElement>('a.term-link')].find((a) => a.textContent === name)!;
    const style = getComputedStyle(link, '::after');
    return { display: style.display, content: style.content, focused: document.activeElement === link };
  }, name);

describe('term preview', () => {
  test('keyboard: tabbing to a term link shows its definition; tabbing away hides it', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/notes/ecs/`);
    expect((await preview(page, 'Kinesis Data Streams')).display).toBe('none');
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await preview(page, 'Kinesis Data Streams')).focused;
    }
    expect(reached).toBe(true);
    const shown = await preview(page, 'Kinesis Data Streams');
    expect(shown.display).toBe('block');
    expect(shown.content).toContain(definition);
    await page.keyboard.press('Tab');
    expect((await preview(page, 'Kinesis Data Streams')).display).toBe('none');
    await context.close();
  });

  test('hover shows it too, and the link leads to the defining section', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/notes/ecs/`);
    const link = page.locator('a.term-link', { hasText: 'Kinesis Data Streams' });
    await link.hover();
    expect((await preview(page, 'Kinesis Data Streams')).display).toBe('block');
    await link.click();
    await page.waitForURL(/\/notes\/kinesis\/#term-kinesis-data-streams$/);
    expect(await page.locator('#term-kinesis-data-streams').textContent()).toContain(definition);
    await page.close();
  });

  test('screen readers: the link is named by its text and described by the definition', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/notes/ecs/`);
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value: string }; name?: { value: string }; description?: { value: string } }[];
    };
    const link = nodes.find((node) => node.role?.value === 'link' && node.name?.value === 'Kinesis Data Streams');
    expect(link?.description?.value).toContain(definition);
    await page.close();
  });
});
