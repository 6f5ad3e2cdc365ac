/**
 * Accessibility gate: axe-core on every built page in Debian Chromium, light and dark, with the
 * search dialog closed and open. Zero violations of WCAG 2.0/2.1/2.2 A and AA and of axe's
 * best-practice rules; a failure names the page, the colour scheme, the rule and the elements.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { pageUrlOf } from '../../src/site-config.ts';
import { AXE_TAGS } from '../support/axe.ts';
import { listHtmlPages } from '../support/dist.ts';
import { useSite } from '../support/site.ts';

const schemes = ['light', 'dark'] as const;
type Scheme = (typeof schemes)[number];

const site = useSite();
let pages: string[] = [];

beforeAll(async () => {
  pages = (await listHtmlPages()).map(pageUrlOf);
});
/** One line per rule broken: `/notes/iam/ (dark): color-contrast [serious] … — .toc a, .note-category`. */
function describeViolations(where: string, violations: Result[]): string[] {
  return violations.map((v) => {
    const targets = v.nodes
      .slice(0, 5)
      .map((node) => node.target.join(' '))
      .join(', ');
    const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
    const detail = v.nodes[0]?.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? '';
    return `${where}: ${v.id} [${v.impact}] ${v.help} — ${targets}${more}${detail ? ` — ${detail}` : ''}`;
  });
}

async function axe(page: Page, where: string): Promise<string[]> {
  // Legacy mode runs axe in the page itself instead of opening a second page to merge frame
  // results: the site has no iframes, and it halves the time per page.
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return describeViolations(where, results.violations);
}

/** A page in its own context (axe's runner opens a second page in the same context). */
async function newPage(scheme: Scheme): Promise<Page> {
  const context = await site.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** The header button that opens the search dialog (as the CSP test finds it). */
const SEARCH_BUTTON = '.site-header :is([data-search-open], button[aria-controls="search-dialog"])';

/** Opens search with the header button and waits until its dialog is open and its field focused. */
async function openSearch(page: Page, where: string): Promise<void> {
  const button = page.locator(SEARCH_BUTTON);
  expect(await button.count(), `${where}: no search button (${SEARCH_BUTTON}) in the header`).toBe(1);
  await button.click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor({ state: 'visible', timeout: 10_000 });
  expect(
    await dialog.evaluate((element) => (element as HTMLDialogElement).open),
    `${where}: the search dialog is not open`,
  ).toBe(true);
}

describe('axe-core: WCAG 2.2 AA and best practices', () => {
  test('the gate sees every built page (notes, topics, home, 404)', () => {
    expect(pages).toEqual(expect.arrayContaining(['/', '/404.html', '/notes/iam/', '/topics/IAM/']));
    expect(pages.length).toBeGreaterThanOrEqual(30);
  });

  test('every page in light and dark mode, search closed: no violations', { timeout: 240_000 }, async () => {
    const page = await newPage('light');
    const problems: string[] = [];
    try {
      for (const url of pages) {
        const response = await page.goto(site.url + url);
        expect(response?.status(), url).toBe(200);
        for (const scheme of schemes) {
          await page.emulateMedia({ colorScheme: scheme });
          expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), url).toBe(
            scheme === 'dark',
          );
          problems.push(...(await axe(page, `${url} (${scheme})`)));
        }
      }
    } finally {
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  test.each(schemes.flatMap((scheme) => ['/', '/notes/iam/'].map((url) => [url, scheme] as const)))(
    '%s in %s mode with the search dialog open, empty and with results: no violations',
    async (url, scheme) => {
      const page = await newPage(scheme);
      try {
        await page.goto(site.url + url);
        await openSearch(page, url);
        const problems = await axe(page, `${url} (${scheme}, search open)`);
        // With results listed: the query the memo is searched for most.
        const input = page.locator('dialog[open] input[type=search]').first();
        await input.fill('IAM');
        await page.locator('dialog[open] a[href*="/notes/"]').first().waitFor({ state: 'visible', timeout: 10_000 });
        problems.push(...(await axe(page, `${url} (${scheme}, search results for "IAM")`)));
        expect(problems).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
  );

  test('control: the gate reports a real violation (an unlabelled button, low-contrast text)', async () => {
    const page = await newPage('light');
    try {
      await page.goto(`${site.url}/notes/iam/`);
      await page.evaluate(() => {
        const main = document.querySelector('main')!;
        main.insertAdjacentHTML(
          'afterbegin',
          '<button type="button"></button><p style="color:#bbb;background:#fff">薄い文字</p>',
        );
      });
      const problems = await axe(page, '/notes/iam/ (control)');
      expect(problems.join('\n')).toMatch(/button-name/);
      expect(problems.join('\n')).toMatch(/color-contrast/);
    } finally {
      await page.context().close();
    }
  });
});
