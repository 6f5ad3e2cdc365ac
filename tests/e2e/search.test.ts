/**
 * Search as a reader uses it, in headless Chromium against the built site served like
 * S3 + CloudFront (gzip, production security headers): press `/`, type 認証, land on the right
 * heading with the word marked. Also the keyboard flow, focus trap and return, the announced
 * result count, the category filter, hostile input, and no search requests before opening.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite } from '../support/site.ts';

const site = useSite();

interface Opened {
  page: Page;
  requests: string[];
  problems: string[];
}

async function openPage(path: string): Promise<Opened> {
  const page = await site.browser.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`alert: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
  return { page, requests, problems };
}

/** Waits like `expect.poll`, long enough for Pagefind's first load on a busy two-core machine. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 50 });

const isSearchAsset = (path: string) => path.startsWith('/pagefind/') || /\/_astro\/search\./.test(path);
const status = (page: Page) => page.locator('#search-status');
const results = (page: Page) => page.locator('#search-results > li');

async function typeQuery(page: Page, query: string): Promise<void> {
  await page.locator('#search-input').fill(query);
}

describe('search dialog', () => {
  test('a note page fetches no search code until search is opened; opening loads it and the index', async () => {
    const { page, requests, problems } = await openPage('/notes/iam/');
    await page.waitForTimeout(300);
    expect(requests.filter(isSearchAsset)).toEqual([]);
    expect(await page.locator('#search-dialog').isVisible()).toBe(false);

    await page.locator('.search-button').click();
    await poll(() => page.locator('#search-dialog').isVisible()).toBe(true);
    await poll(() => requests.some((p) => p.endsWith('.pf_meta'))).toBe(true);
    const fetched = requests.filter(isSearchAsset);
    expect(fetched).toEqual(expect.arrayContaining(['/pagefind/pagefind.js', '/pagefind/pagefind-entry.json']));
    expect(fetched.some((p) => /^\/_astro\/search\.[\w]+\.js$/.test(p))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('hovering the search button prefetches search before it is opened', async () => {
    const { page, requests } = await openPage('/notes/docker/');
    await page.locator('.search-button').hover();
    await poll(() => requests.includes('/pagefind/pagefind.js')).toBe(true);
    expect(await page.locator('#search-dialog').isVisible()).toBe(false);
    await page.close();
  });

  test('press / and type at once, while the search code is still loading: nothing typed is lost', async () => {
    const { page, problems } = await openPage('/');
    // Hold the search module back, as a slow phone network would.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_astro\/search\.[\w]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.keyboard.press('/');
    await page.keyboard.type('VPCとは');
    expect(await page.locator('#search-dialog').isVisible()).toBe(true);
    expect(await page.locator('#search-input').inputValue()).toBe('VPCとは');
    release();
    await poll(() => status(page).textContent()).toMatch(/^「VPCとは」の検索結果: \d+件$/);
    expect(await page.locator('#search-input').inputValue()).toBe('VPCとは');
    expect(await results(page).first().locator('.search-result-title').textContent()).toBe('VPC');
    // Typing on adds to the query rather than replacing it.
    await page.keyboard.type(' ルートテーブル');
    expect(await page.locator('#search-input').inputValue()).toBe('VPCとは ルートテーブル');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the close button closes the dialog before the search code has loaded', async () => {
    const { page } = await openPage('/');
    await page.route(/\/_astro\/search\.[\w]+\.js$/, () => {}); // never answered
    await page.keyboard.press('/');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.locator('[data-search-close]').click();
    expect(await page.locator('#search-dialog').isVisible()).toBe(false);
    await page.close();
  });

  test('press /, type 認証, Enter: lands on the IAM heading about credentials with 認証 marked there', async () => {
    const { page, problems } = await openPage('/');
    await page.keyboard.press('/');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    expect(await page.locator('#search-input').getAttribute('placeholder')).toMatch(/キーワード/);
    await page.keyboard.type('認証');
    await poll(() => status(page).textContent()).toMatch(/^「認証」の検索結果: \d+件$/);
    const first = results(page).first();
    expect(await first.locator('.search-result-title').textContent()).toBe('IAM');
    expect(await first.locator('mark').first().textContent()).toBe('認証');
    // The result names the section it opens; other matching sections are listed under it.
    expect(await first.locator('.search-result-section').textContent()).toBe(
      '一時的なセキュリティ認証情報 (temporary security credentials)',
    );
    expect(await first.locator('.search-section-title').allTextContents()).toContain('アクセスキー');

    await page.keyboard.press('Enter');
    await page.waitForURL(/\/notes\/iam\/\?pf=/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('pf')).toEqual(['認証']);
    expect(decodeURIComponent(url.hash)).toBe('#一時的なセキュリティ認証情報-(temporary-security-credentials)');
    // Pagefind's highlight script marks the word on the note, inside that section, and not in the contents list.
    await poll(() => page.locator('mark.search-hit').count()).toBeGreaterThan(0);
    const marks = await page.locator('mark.search-hit').allTextContents();
    expect(new Set(marks)).toEqual(new Set(['認証']));
    expect(await page.locator('nav.toc mark').count()).toBe(0);
    const inSection = await page.evaluate(() => {
      const heading = document.getElementById('一時的なセキュリティ認証情報-(temporary-security-credentials)')!;
      return [...document.querySelectorAll('mark.search-hit')].some(
        (mark) =>
          heading.contains(mark) || (heading.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      );
    });
    expect(inSection).toBe(true);
    // The section is on screen.
    const top = await page.evaluate(
      () =>
        document
          .getElementById('一時的なセキュリティ認証情報-(temporary-security-credentials)')!
          .getBoundingClientRect().top,
    );
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(await page.evaluate(() => innerHeight));
    expect(problems).toEqual([]);
    await page.close();
  });

  test('Ctrl+K opens; arrow keys move through results; Enter follows the focused one', async () => {
    const { page } = await openPage('/notes/waf/');
    await page.keyboard.press('Control+k');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('ポート');
    await poll(() => results(page).count()).toBeGreaterThan(1);
    await page.keyboard.press('ArrowDown');
    const firstHref = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
    expect(firstHref).toMatch(/^\/notes\/alb-ecs-ports\/\?pf=/);
    await page.keyboard.press('ArrowDown');
    const secondHref = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
    expect(secondHref).not.toBe(firstHref);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => `${url.pathname}${url.search}${url.hash}` === secondHref);
    await page.close();
  });

  test('Esc closes and returns focus to the button; Tab stays inside the open dialog', async () => {
    const { page } = await openPage('/notes/ecs/');
    await page.locator('.search-button').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('fargate');
    await poll(() => results(page).count()).toBeGreaterThan(0);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#search-dialog')), `after Tab ${i}`).toBe(
        true,
      );
    }
    await page.keyboard.press('Escape');
    await poll(() => page.locator('#search-dialog').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('search-button'))).toBe(true);
    // `/` again reopens with the last query and its results.
    await page.keyboard.press('/');
    await poll(() => page.locator('#search-dialog').isVisible()).toBe(true);
    expect(await page.locator('#search-input').inputValue()).toBe('fargate');
    await page.close();
  });

  test('the result count is announced in a polite live region', async () => {
    const { page } = await openPage('/');
    await page.keyboard.press('/');
    await typeQuery(page, 'ECS');
    await poll(() => status(page).textContent()).toMatch(/「ECS」の検索結果: \d+件/);
    expect(await status(page).getAttribute('role')).toBe('status');
    expect(await status(page).getAttribute('aria-live')).toBe('polite');
    const count = Number((await status(page).textContent())!.match(/(\d+)件/)![1]);
    expect(count).toBe(await results(page).count());
    await page.close();
  });

  test('the category filter narrows results to that category', async () => {
    const { page } = await openPage('/');
    await page.keyboard.press('/');
    await typeQuery(page, 'ポート');
    await poll(() => results(page).count()).toBeGreaterThan(1);
    const all = await page.locator('.search-result-category').allTextContents();
    expect(new Set(all).size).toBeGreaterThan(1);
    await page.locator('#search-category').selectOption('コンテナ');
    await poll(() => status(page).textContent()).toMatch(/（コンテナ）: \d+件/);
    const filtered = await page.locator('.search-result-category').allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    expect(new Set(filtered)).toEqual(new Set(['コンテナ']));
    // A category with no match says so.
    await page.locator('#search-category').selectOption('CI/CD');
    await typeQuery(page, 'ホストポート');
    await poll(() => status(page).textContent()).toMatch(/一致するノートはありません/);
    expect(await results(page).count()).toBe(0);
    await page.close();
  });
});

describe('odd and hostile input', () => {
  const cases: [name: string, input: string][] = [
    ['only spaces', '     '],
    ['only symbols', '!!?? ### ～～ 。、・'],
    ['1,000 characters', 'あ'.repeat(500) + 'x'.repeat(500)],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['script tag', '"><script>alert(1)</script>'],
    ['no such word', 'ぬるぽがっ'],
    ['one kana', 'ド'],
    ['particles only', 'のをに'],
    ['no such word, in katakana', 'ヌルポガッ'],
    ['no such word beside a real one', 'ECS zzqx'],
    // A "what is …?" question asks Pagefind its topic alone: the page check still applies to it.
    ['"what is" of no such word', 'ぬるぽとは'],
    ['"what is" of markup', '<img src=x onerror=alert(1)>とは'],
    ['"what is" of symbols', '！？とは？'],
    ['"what is" of nothing', 'とは'],
  ];
  test.each(cases)('%s: no error, nothing injected, a clear "no results" message', async (_name, input) => {
    const { page, problems } = await openPage('/');
    await page.keyboard.press('/');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await typeQuery(page, input);
    await poll(() => status(page).textContent()).toMatch(/一致するノートはありません/);
    expect(await results(page).count()).toBe(0);
    expect(await page.locator('#search-dialog img, #search-dialog script').count()).toBe(0);
    expect(await page.locator('body img').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('a page opened with a hostile or broken #fragment', () => {
  // Pagefind's `?pf=` marks the words whatever the fragment; a fragment that is not valid
  // percent-encoding (a truncated UTF-8 sequence, a lone %) must count as no fragment, not throw.
  const cases: [name: string, hash: string, scrolled: boolean][] = [
    ['truncated UTF-8', '#%E0%A4%A', false],
    ['lone percent sign', '#%', false],
    ['bad escape', '#%ZZ%', false],
    ['invalid UTF-8 byte', '#%FF', false],
    ['markup', '#<img src=x onerror=alert(1)>', false],
    ['unknown id', '#no-such-section', false],
    ['valid Japanese id', '#アクセスキー', true],
  ];
  test.each(cases)('%s: no error, hits still marked', async (_name, hash, scrolled) => {
    const { page, problems } = await openPage(`/notes/iam/?pf=iam${hash}`);
    await poll(() => page.locator('mark.search-hit').count()).toBeGreaterThan(0);
    await page.waitForTimeout(200); // the code after marking (scrolling to the section) has run
    expect(problems).toEqual([]);
    expect(await page.locator('body img').count()).toBe(0);
    if (scrolled) {
      const top = await page.evaluate(() => document.getElementById('アクセスキー')!.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(await page.evaluate(() => innerHeight));
    }
    await page.close();
  });
});
