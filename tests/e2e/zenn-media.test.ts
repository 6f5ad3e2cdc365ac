/**
 * Zenn's images and embeds in a built site, through Debian Chromium under the production CSP: a
 * fixture site (tests/fixtures/zenn-media/ as its content folder, built like the real one, so the
 * author's notes and the real dist/ are untouched) with local, `/images/` and remote images,
 * captions, and embeds.
 * Light and dark: every image shows, nothing errs or is blocked, no third-party request is made but
 * the note's own remote image, no frame loads, axe finds nothing; the image links open the
 * full-size files from the keyboard; card text stays out of search.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { parseHTML } from 'linkedom';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { textOf } from '../support/html.ts';
import { useSite } from '../support/site.ts';
import { projectRoot, throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

const fixtures = join(projectRoot, 'tests', 'fixtures', 'zenn-media');
let fixture: ThrowawaySite | undefined;
let built = { distDir: '', output: '' };
const site = useSite({
  build: async () => {
    fixture = await throwawaySite({ copyContentFrom: fixtures });
    const { ok, output } = await fixture.build();
    if (!ok) throw new Error(output.slice(-3000));
    built = { distDir: join(fixture.dir, 'dist'), output };
    return built.distDir;
  },
});
afterAll(() => fixture?.remove());

/** The remote image the note shows (Zenn's storage): answered by the test, since the machine has no network. */
const REMOTE_IMAGE = 'https://storage.googleapis.com/zenn-user-upload/fixture-remote.png';

const builtPage = async (file: string) =>
  parseHTML(await readFile(join(built.distDir, file), 'utf8')).document as unknown as Document;
const isWebp = (bytes: Buffer) =>
  bytes.subarray(0, 4).toString() === 'RIFF' && bytes.subarray(8, 12).toString() === 'WEBP';

describe('the built fixture site', () => {
  test('content/images/ is served at /images/, an image next to a note at its path, byte for byte', async () => {
    for (const [file, source] of [
      ['images/diagram.png', join(fixtures, 'images', 'diagram.png')],
      ['notes/wide.jpg', join(fixtures, 'notes', 'wide.jpg')],
    ]) {
      expect((await readFile(join(built.distDir, file!))).equals(await readFile(source!)), file).toBe(true);
    }
    expect(built.output).toContain('2 image(s) of content/ served at their path');
    expect(built.output).toContain('every internal link resolves');
  });

  test('local images: Astro’s WebP with width and height, lazy below the fold, linked to the original', async () => {
    const doc = await builtPage('notes/media/index.html');
    const local = [...doc.querySelectorAll('img')].filter((img) => img.getAttribute('src')?.startsWith('/_astro/'));
    const described = local.map((img) => ({
      src: img.getAttribute('src')!.replace(/\.[\w-]+\.webp$/, '.*.webp'),
      alt: img.getAttribute('alt'),
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
      loading: img.getAttribute('loading'),
      decoding: img.getAttribute('decoding'),
      link: img.closest('a')?.getAttribute('href'),
    }));
    expect(described).toEqual([
      // =400x: made 800 px wide (twice, for 2x screens), shown 400 px wide; near the top, so loaded at once.
      {
        src: '/_astro/diagram.*.webp',
        alt: '構成図',
        width: '800',
        height: '600',
        loading: 'eager',
        decoding: 'async',
        link: '/images/diagram.png',
      },
      // 2400×1200: made 1600 px wide; the link opens the original.
      {
        src: '/_astro/wide.*.webp',
        alt: '横長の写真',
        width: '1600',
        height: '800',
        loading: 'lazy',
        decoding: 'async',
        link: '/notes/wide.jpg',
      },
    ]);
    expect(local[0]?.getAttribute('style')).toBe('--image-width:400px');
    for (const img of local) {
      const bytes = await readFile(join(built.distDir, img.getAttribute('src')!));
      expect(isWebp(bytes), img.getAttribute('src')!).toBe(true);
    }
    expect(textOf(doc.querySelector('figure.image-figure figcaption'))).toBe('図1 構成図（content/images/ の画像）');
  });

  test('remote images stay remote, sized, lazy and async; a linked image keeps its link', async () => {
    const doc = await builtPage('notes/media/index.html');
    const remote = [...doc.querySelectorAll(`img[src="${REMOTE_IMAGE}"]`)];
    expect(
      remote.map((img) => [
        img.getAttribute('width'),
        img.getAttribute('loading'),
        img.closest('a')?.getAttribute('href'),
      ]),
    ).toEqual([
      ['250', 'lazy', REMOTE_IMAGE],
      ['120', 'lazy', 'https://zenn.dev'],
    ]);
    expect(textOf(remote[0]?.closest('figure')?.querySelector('figcaption'))).toBe('図2 Zenn のストレージの画像');
  });

  test('a Zenn article that opens with a figure is described by its first paragraph, not the figure', async () => {
    const doc = await builtPage('notes/zenn-article/index.html');
    expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')).toBe(
      '冒頭の図の後の最初の段落が説明になる。',
    );
    expect(textOf(doc.querySelector('figure figcaption'))).toBe('記事の冒頭の図');
  });

  test('the image styles are inlined only on a page that has images', async () => {
    const withImages = await builtPage('notes/media/index.html');
    const without = await builtPage('notes/plain/index.html');
    const inline = (doc: Document) => [...doc.querySelectorAll('head style')].map((style) => style.textContent ?? '');
    expect(inline(withImages).some((css) => css.includes('.image-figure'))).toBe(true);
    expect(inline(without).some((css) => css.includes('image'))).toBe(false);
    // Both pages share the same stylesheet files: nothing else changes.
    const sheets = (doc: Document) =>
      [...doc.querySelectorAll('link[rel=stylesheet]')].map((link) => link.getAttribute('href'));
    expect(sheets(without)).toEqual(sheets(withImages));
  });

  test('the pages are valid HTML under the site’s html-validate rules', async () => {
    const config = JSON.parse(await readFile(join(projectRoot, '.htmlvalidate.json'), 'utf8'));
    const validator = new HtmlValidate(config as ConfigData);
    const problems: string[] = [];
    for (const file of ['notes/media/index.html', 'notes/plain/index.html']) {
      const report = await validator.validateString(await readFile(join(built.distDir, file), 'utf8'), file);
      for (const result of report.results)
        problems.push(...result.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    }
    expect(problems).toEqual([]);
  });

  test('embeds are cards: no frame, script or image from the services in the HTML', async () => {
    const doc = await builtPage('notes/media/index.html');
    expect(doc.querySelectorAll('.embed-card')).toHaveLength(6);
    expect(doc.querySelector('iframe, object, embed')).toBeNull();
    expect([...doc.querySelectorAll('script[src]')].filter((s) => !s.getAttribute('src')!.startsWith('/'))).toEqual([]);
    const images = [...doc.querySelectorAll('img')].map((img) => img.getAttribute('src')!);
    expect(images.filter((src) => !src.startsWith('/_astro/') && src !== REMOTE_IMAGE)).toEqual([]);
  });
});

/** Opens the note in a fresh context, answering the remote image, recording requests and problems. */
async function openNote(scheme: 'light' | 'dark') {
  const context = await site.browser.newContext({ colorScheme: scheme, viewport: { width: 412, height: 823 } });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  await context.route(REMOTE_IMAGE, async (route) =>
    route.fulfill({ contentType: 'image/png', body: await readFile(join(fixtures, 'images', 'diagram.png')) }),
  );
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP: ${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
  const response = await page.goto(`${site.url}/notes/media/`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return { page, requests, problems, close: () => context.close() };
}

/** Scrolls each image into view (so lazy ones load) and says which did not show (`remote: false`: local ones only). */
async function imagesNotShown(page: Page, { remote = true } = {}): Promise<string[]> {
  const selector = remote ? '.prose img' : '.prose img:not([src^="https:"])';
  const images = page.locator(selector);
  for (let i = 0; i < (await images.count()); i++) await images.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (query) => [...document.querySelectorAll(query)].every((img) => (img as HTMLImageElement).complete),
    selector,
  );
  return page.$$eval(selector, (elements) =>
    elements
      .map((img) => img as HTMLImageElement)
      .filter((img) => img.naturalWidth === 0 || img.getBoundingClientRect().width === 0)
      .map((img) => img.src),
  );
}

describe.each(['light', 'dark'] as const)('in Chromium under the production CSP (%s)', (scheme) => {
  test('every image shows, no error or CSP report, no request but the site’s and the note’s remote image, no frame', async () => {
    const { page, requests, problems, close } = await openNote(scheme);
    try {
      expect(await imagesNotShown(page)).toEqual([]);
      await page.waitForTimeout(300);
      expect(problems).toEqual([]);
      const elsewhere = requests.filter((url) => !url.startsWith(site.url) && !url.startsWith('data:'));
      expect(elsewhere).toEqual([REMOTE_IMAGE]);
      expect(page.frames()).toHaveLength(1);
      // The caption and cards take the scheme's colours (global.css's light-dark() variables).
      const colours = await page.$eval('figcaption', (element) => getComputedStyle(element).color);
      expect(colours).toBe(scheme === 'light' ? 'rgb(87, 96, 106)' : 'rgb(163, 171, 181)');
      expect(await page.locator('.embed-card').count()).toBe(6);
      await page.screenshot({ path: `test-results/zenn-media-${scheme}.png`, fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});

test('the keyboard reaches an image’s link, which says what it opens and opens the full-size file', async () => {
  const { page, close } = await openNote('light');
  try {
    const link = page.getByRole('link', { name: /^構成図\s*（拡大して表示）$/ });
    expect(await link.count()).toBe(1);
    let focused = '';
    for (let i = 0; i < 60 && focused !== '/images/diagram.png'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    }
    expect(focused).toBe('/images/diagram.png');
    const [response] = await Promise.all([
      page.waitForResponse(/\/images\/diagram\.png$/),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
  } finally {
    await close();
  }
});

test('search finds the note by its text, not by its cards (ids, hosts, paths)', async () => {
  const { page, close } = await openNote('light');
  try {
    // A string, so the test runner leaves its import() alone; the page loads Pagefind as its dialog does.
    const hits = (query: string) =>
      page.evaluate<number>(
        `import('/pagefind/pagefind.js').then((pagefind) => pagefind.search(${JSON.stringify(query)})).then((search) => search.results.length)`,
      );
    expect(await hits('記法')).toBeGreaterThan(0);
    for (const card of ['X8NBvQDDXXc', 'jack', 'pnpm', 'noeldelgado', 'speakerdeck'])
      expect(await hits(card), card).toBe(0);
  } finally {
    await close();
  }
});

test('astro dev serves content/images/ at /images/ and shows the note’s images', { timeout: 180_000 }, async () => {
  const dev = await throwawaySite({ copyContentFrom: fixtures });
  const server = await dev.dev();
  try {
    const image = await fetch(new URL('/images/diagram.png', server.url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(await readFile(join(fixtures, 'images', 'diagram.png')))).toBe(
      true,
    );
    const page = await site.browser.newPage();
    try {
      await page.goto(new URL('/notes/media/', server.url).href, { waitUntil: 'load' });
      expect(await imagesNotShown(page, { remote: false })).toEqual([]);
      await page.locator('a.image-link[href="/images/diagram.png"]').click();
      await page.waitForURL(/\/images\/diagram\.png$/);
    } finally {
      await page.close();
    }
  } finally {
    await server.stop();
    await dev.remove();
  }
});
