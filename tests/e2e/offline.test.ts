/**
 * Offline reading and updates in Chromium, against the build served like S3 + CloudFront (the
 * production CSP and cache rules): one visit fills the service worker; then, with the network off
 * and the server unreachable, five other notes, a Japanese search whose result opens with its
 * hits marked, 用語集, 復習 and the 404 page all work. A new release served in place is picked up
 * whole by the next visit, which says so in the update notice; a worker that meets files of
 * another release while it installs keeps the old release instead of a mix.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleServiceWorker } from '../../src/integrations/offline.ts';
import { precacheManifest } from '../../src/integrations/offline-precache.ts';
import { buildSearchIndex } from '../../src/integrations/pagefind.ts';
import { axeViolations } from '../support/axe.ts';
import { distDir, listDistFiles } from '../support/dist.ts';
import { useSite } from '../support/site.ts';

const site = useSite();
const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });

/** A word no note has: the new release's IAM note gains a paragraph with it. */
const NEW_WORD = 'ヨツバシオガマ';
const RELEASE_META = 'test-release';

let tmp = '';
/** The next release: every page marked `<meta name="test-release" content="2">`, the IAM note with a new paragraph, reindexed. */
let release2 = '';
/**
 * Release 2 whose note pages are release 1's: what release 2's worker meets when a switch falls in
 * the middle of its install (every file is there, some of the other release).
 */
let torn = '';

/** Marks every page of a copy of dist/ as release `id`, edits the IAM note, reindexes, rebuilds the worker. */
async function makeRelease(dir: string, id: string): Promise<void> {
  await cp(distDir, dir, { recursive: true });
  for (const file of (await listDistFiles()).filter((f) => f.endsWith('.html'))) {
    let html = await readFile(join(dir, file), 'utf8');
    html = html.replace(
      '<meta charset="utf-8">',
      `<meta charset="utf-8"><meta name="${RELEASE_META}" content="${id}">`,
    );
    if (file === 'notes/iam/index.html')
      html = html.replace(/(<[^>]*data-pagefind-body[^>]*>)/, `$1<p>新しい段落: ${NEW_WORD}は高山植物です。</p>`);
    await writeFile(join(dir, file), html);
  }
  await rm(join(dir, 'pagefind'), { recursive: true });
  await buildSearchIndex(dir);
  const notice = (await readdir(join(dir, '_astro'))).find((file) => file.startsWith('update-notice.'))!;
  await writeFile(join(dir, 'sw.js'), await bundleServiceWorker(await precacheManifest(dir), `/_astro/${notice}`));
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'offline-'));
  release2 = join(tmp, 'release-2');
  await makeRelease(release2, '2');
  torn = join(tmp, 'torn');
  await cp(release2, torn, { recursive: true });
  await cp(join(distDir, 'notes'), join(torn, 'notes'), { recursive: true });
  // The built pages must not carry the marker already, or the checks below could not fail.
  expect(await readFile(join(distDir, 'index.html'), 'utf8')).not.toContain(RELEASE_META);
  expect(await readFile(join(release2, 'notes/iam/index.html'), 'utf8')).toContain(NEW_WORD);
}, 120_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

interface Reader {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A fresh browser profile that visits `path` once (online) and waits until the worker is filled and in control. */
async function firstVisit(path = '/notes/iam/'): Promise<Reader> {
  site.serve(distDir);
  const context = await site.browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
  await workerInControl(page);
  return { context, page, problems };
}

/** Workbox activates a worker only once its whole precache is filled. */
const workerInControl = (page: Page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 60_000 });

/** Network off in the browser, and the server dropping every connection: nothing can come from it. */
async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  site.serve(null);
}

const releaseOf = (page: Page) =>
  page.evaluate((name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '1', RELEASE_META);

/**
 * The release of every page the worker keeps, read from its cache (Workbox's precache). An entry
 * Workbox deletes while this reads (the old release's, cleaned up as the new worker activates) is
 * left out.
 */
const cachedPageReleases = (page: Page) =>
  page.evaluate(async (name) => {
    const releases: Record<string, string> = {};
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        const path = decodeURIComponent(new URL(request.url).pathname);
        if (!path.endsWith('/') && !path.endsWith('.html')) continue;
        const response = await cache.match(request);
        if (!response) continue;
        const html = await response.text();
        releases[path] = new RegExp(`<meta name="${name}" content="(\\w+)">`).exec(html)?.[1] ?? '1';
      }
    }
    return releases;
  }, RELEASE_META);

async function searchAndOpen(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('/');
  await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
  await page.keyboard.insertText(query);
  await poll(() => page.locator('#search-status').textContent()).toMatch(
    new RegExp(`^「${query}」の検索結果: \\d+件$`),
  );
  const first = page.locator('#search-results > li').first().locator('a.search-result-link');
  await first.click();
  await page.waitForURL(/\?pf=/);
  await poll(() => page.locator('mark.search-hit').count()).toBeGreaterThan(0);
  return page.locator('mark.search-hit').allTextContents();
}

describe('offline', () => {
  test('after one visit, notes, Japanese search, 用語集, 復習 and the 404 page work with no network', async () => {
    const { context, page, problems } = await firstVisit('/notes/iam/');
    // The whole site is kept: every page of the build, and every Pagefind file.
    const files = await listDistFiles();
    const kept = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys())
          urls.push(decodeURIComponent(new URL(request.url).pathname));
      return urls;
    });
    const pages = files.filter((f) => f.endsWith('.html')).map((f) => `/${f.replace(/(^|\/)index\.html$/, '$1')}`);
    expect(kept).toEqual(expect.arrayContaining(pages));
    expect(kept).toEqual(expect.arrayContaining(files.filter((f) => f.startsWith('pagefind/')).map((f) => `/${f}`)));

    await goOffline(context);
    for (const note of ['vpc', 'ecs', 'cloudfront', 'kinesis', 'waf']) {
      const response = await page.goto(`${site.url}/notes/${note}/`);
      expect(response?.fromServiceWorker(), note).toBe(true);
      expect(await page.locator('main h1').first().textContent(), note).toBeTruthy();
      expect(await page.title(), note).not.toMatch(/見つかりません/);
    }
    const marks = await searchAndOpen(page, '認証');
    expect(new Set(marks)).toEqual(new Set(['認証']));
    expect(new URL(page.url()).pathname).toMatch(/^\/notes\/[\w-]+\/$/);

    await page.goto(`${site.url}/glossary/`);
    expect(await page.locator('main h1').textContent()).toBe('用語集');
    expect(await page.locator('main dt').count()).toBeGreaterThan(0);
    await page.goto(`${site.url}/review/`);
    expect(await page.locator('main h1').textContent()).toBe('復習');
    // The review app starts (its script came from the cache): the deck replaces the no-script list.
    await poll(() => page.locator('[data-review]').isVisible()).toBe(true);

    // A page the site never had: the 404 page, from the cache.
    await page.goto(`${site.url}/notes/no-such-note/`);
    expect(await page.locator('main h1').textContent()).toBe('ページが見つかりません');
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p))).toEqual([]);
    await context.close();
  }, 120_000);

  test('a new release served in place: the next visit installs it whole, says so, and no page mixes the two', async () => {
    const { context, page, problems } = await firstVisit('/notes/iam/');
    expect(await releaseOf(page)).toBe('1');

    site.serve(release2);
    // The next visit: the page comes from the worker's cache (release 1, whole), while the browser
    // finds the new worker, which fills its cache with what changed and takes over.
    await page.goto(`${site.url}/notes/vpc/`);
    expect(await releaseOf(page)).toBe('1');
    const notice = page.getByRole('complementary', { name: '更新のお知らせ' });
    await poll(() => notice.isVisible(), 60_000).toBe(true);
    await poll(() => notice.getByRole('status').textContent()).toMatch(/新しい版に更新されました/);
    // Every page the worker keeps is now release 2: none of release 1 is left beside them, once
    // Workbox has cleaned up the old entries (it does so as the new worker activates).
    await poll(async () => {
      const releases = await cachedPageReleases(page);
      return { pages: Object.keys(releases).length >= 42, releases: [...new Set(Object.values(releases))] };
    }).toEqual({ pages: true, releases: ['2'] });

    // The notice: no axe violation in light and dark; Escape dismisses it from the keyboard.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), colorScheme).toEqual([]);
    }
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await poll(() => notice.count()).toBe(0);

    // Reloading shows this page in release 2, with no notice; so does every page opened next, even offline.
    await page.reload();
    expect(await releaseOf(page)).toBe('2');
    expect(await notice.count()).toBe(0);
    await goOffline(context);
    for (const path of ['/', '/notes/ecs/', '/glossary/', '/review/', '/topics/']) {
      await page.goto(`${site.url}${path}`);
      expect(await releaseOf(page), path).toBe('2');
    }
    // The search index is release 2's too: the new word is found, and opens the note that has it.
    await page.goto(`${site.url}/notes/vpc/`);
    const marks = await searchAndOpen(page, NEW_WORD);
    expect(marks).toContain(NEW_WORD);
    expect(new URL(page.url()).pathname).toBe('/notes/iam/');
    expect(await releaseOf(page)).toBe('2');
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p))).toEqual([]);
    await context.close();
  }, 180_000);

  test('the notice’s 再読み込み button shows the page in the new release', async () => {
    const { context, page } = await firstVisit('/notes/iam/');
    site.serve(release2);
    await page.goto(`${site.url}/notes/ecs/`);
    const notice = page.getByRole('complementary', { name: '更新のお知らせ' });
    await poll(() => notice.isVisible(), 60_000).toBe(true);
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await poll(() => releaseOf(page)).toBe('2');
    expect(new URL(page.url()).pathname).toBe('/notes/ecs/');
    await context.close();
  }, 120_000);

  test('a worker that meets another release’s files while it installs fails, and the old release stays whole', async () => {
    const { context, page, problems } = await firstVisit('/notes/iam/');
    // Release 2's worker and files, but release 1's note pages: a switch during the install.
    site.serve(torn);
    const state = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      await registration.update();
      const worker = registration.installing;
      if (!worker) return 'no new worker';
      await new Promise<void>((resolve) => {
        const check = () => (worker.state === 'redundant' || worker.state === 'activated' ? resolve() : undefined);
        worker.addEventListener('statechange', check);
        check();
      });
      return worker.state;
    });
    expect(state).toBe('redundant');
    await page.goto(`${site.url}/notes/vpc/`);
    expect(await page.getByRole('complementary', { name: '更新のお知らせ' }).count()).toBe(0);
    // What the reader gets is release 1, whole, also for the pages the failed install had fetched.
    await goOffline(context);
    for (const path of ['/', '/glossary/', '/review/', '/notes/ecs/', '/notes/iam/']) {
      await page.goto(`${site.url}${path}`);
      expect(await releaseOf(page), path).toBe('1');
    }
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|integrity/i.test(p))).toEqual([]);
    await context.close();
  }, 120_000);
});
