/**
 * Math and Mermaid in a reader's browser: a fixture site (tests/fixtures/math-diagram, built like
 * the real one) served with the production headers, in Debian Chromium, light and dark. The real
 * site's notes have neither, so its own pages stay as they are.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { labelsOutOfShape } from '../support/diagram-labels.ts';
import { projectRoot, throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';
import { useSite } from '../support/site.ts';

let buildMs = 0;
let fixtureDist = '';
let fixture: ThrowawaySite;
const site = useSite({
  build: async () => {
    const started = performance.now();
    fixture = await throwawaySite({ copyContentFrom: join(projectRoot, 'tests', 'fixtures', 'math-diagram') });
    const { ok, output } = await fixture.build();
    if (!ok) throw new Error(output.slice(-3000));
    buildMs = performance.now() - started;
    fixtureDist = join(fixture.dir, 'dist');
    return fixtureDist;
  },
});

const schemes = ['light', 'dark'] as const;

async function open(path: string, colorScheme: (typeof schemes)[number]) {
  const context = await site.browser.newContext({ colorScheme, viewport: { width: 412, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const fonts: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (request) => request.resourceType() === 'font' && fonts.push(new URL(request.url()).pathname));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
    ),
  );
  const response = await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  return { page, problems, fonts, close: () => context.close() };
}

/** Relative luminance of an element's colour (computed: the browser resolves color-mix and variables). */
const luminance = (page: Page, selector: string, property: string) =>
  page.$eval(
    selector,
    (element, property) => {
      const value = getComputedStyle(element).getPropertyValue(property);
      const numbers = (value.match(/[\d.]+/g) ?? []).map(Number);
      // rgb(r, g, b) in 0–255, or color(srgb r g b) in 0–1
      const [r, g, b] = (value.startsWith('color(') ? numbers : numbers.map((n) => n / 255)).map((s) =>
        s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4,
      );
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    },
    property,
  );
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe.each(schemes)('math and diagrams in %s', (scheme) => {
  test('a math page: KaTeX styled, only the fonts its formulas use, no console or CSP error', async () => {
    const { page, problems, fonts, close } = await open('/notes/math/', scheme);
    try {
      await page.evaluate(() => document.fonts.ready);
      expect(await page.$$eval('link[rel="stylesheet"][href*="/_astro/math."]', (links) => links.length)).toBe(1);
      expect(await page.$eval('.katex', (element) => getComputedStyle(element).fontFamily)).toContain('KaTeX_Main');
      const names = fonts.map((font) => font.replace(/^\/_astro\/(KaTeX_[\w-]+)\..*$/, '$1')).sort();
      expect(names).toEqual(expect.arrayContaining(['KaTeX_Main-Regular', 'KaTeX_Math-Italic']));
      expect(names).toContain('KaTeX_Caligraphic-Regular');
      expect(names).toContain('KaTeX_Fraktur-Regular');
      for (const unused of ['KaTeX_Typewriter-Regular', 'KaTeX_SansSerif-Regular', 'KaTeX_Script-Regular'])
        expect(names).not.toContain(unused);
      expect(fonts.every((font) => font.endsWith('.woff2'))).toBe(true);
      // Prices stay text; formulas are readable against the page.
      expect(await page.textContent('.prose')).toContain('$5 と $10');
      const text = await luminance(page, '.katex', 'color');
      const background = await luminance(page, 'body', 'background-color');
      expect(contrast(text, background)).toBeGreaterThan(7);
      await mkdir('test-results', { recursive: true });
      await page.screenshot({ path: `test-results/math-${scheme}.png`, fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a diagram page: inline SVG with unique ids, named, readable, no script, no console or CSP error', async () => {
    const { page, problems, fonts, close } = await open('/notes/diagram/', scheme);
    try {
      const diagrams = await page.$$eval('.mermaid-diagram > svg', (svgs) =>
        svgs.map((svg) => ({
          role: svg.getAttribute('role'),
          label: svg.getAttribute('aria-label') ?? svg.querySelector('title')?.textContent,
          width: svg.getBoundingClientRect().width,
        })),
      );
      expect(diagrams).toHaveLength(2);
      expect(diagrams.map((diagram) => diagram.role)).toEqual(['img', 'img']);
      expect(diagrams[0]!.label).toBe('図: フローチャート');
      expect(diagrams[1]!.label).toBe('認証の流れ');
      for (const diagram of diagrams) expect(diagram.width).toBeGreaterThan(100);
      const ids = await page.$$eval('[id]', (elements) => elements.map((element) => element.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(await page.$$eval('.mermaid-diagram script, .mermaid-diagram foreignObject', (e) => e.length)).toBe(0);
      // Node labels against the page background, in this theme.
      const label = await luminance(page, '.mermaid-diagram .nodeLabel, .mermaid-diagram text', 'fill');
      const background = await luminance(page, 'body', 'background-color');
      expect(contrast(label, background)).toBeGreaterThan(4.5);
      // Diagrams bring no script (only the header's module every page has) and no stylesheet or font.
      const scripts = await page.$$eval('script[src]', (elements) => elements.map((e) => e.getAttribute('src')!));
      expect(scripts.filter((src) => !/^\/_astro\/(Header|CodeCopy)\.astro_astro_type_script/.test(src))).toEqual([]);
      expect(await page.$$eval('link[rel="stylesheet"][href*="/_astro/math."]', (e) => e.length)).toBe(0);
      expect(fonts).toEqual([]);
      await page.screenshot({ path: `test-results/diagram-${scheme}.png`, fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

/** The diagram kinds in `notes/diagram-kinds.md`, in order, as screen readers hear them. */
const diagramKinds = [
  'フローチャート',
  'シーケンス図',
  'クラス図',
  '状態遷移図',
  'ER 図',
  'ガントチャート',
  '円グラフ',
  'ユーザージャーニー',
  'Git グラフ',
  'マインドマップ',
  'タイムライン',
  '四象限チャート',
];

describe.each(schemes)('every kind of diagram in %s', (scheme) => {
  test('each is drawn, and no Japanese label leaves its shape', async () => {
    const { page, problems, close } = await open('/notes/diagram-kinds/', scheme);
    try {
      const labels = await page.$$eval('.mermaid-diagram > svg', (svgs) =>
        svgs.map((svg) => svg.getAttribute('aria-label')),
      );
      expect(labels).toEqual(diagramKinds.map((kind) => `図: ${kind}`));
      expect(await page.evaluate(labelsOutOfShape)).toEqual([]);
      const ids = await page.$$eval('[id]', (elements) => elements.map((element) => element.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(await page.$$eval('.mermaid-diagram :is(script, foreignObject)', (e) => e.length)).toBe(0);
      // Every label in the site's font stack (the stack the build measured it in).
      const fonts = await page.$$eval('.mermaid-diagram text', (texts) => [
        ...new Set(texts.map((text) => getComputedStyle(text).fontFamily)),
      ]);
      const siteFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      expect(fonts).toEqual([siteFont]);
      await mkdir('test-results', { recursive: true });
      for (const [index, kind] of ['flowchart', 'sequence'].entries())
        await page
          .locator('.mermaid-diagram > svg')
          .nth(index)
          .screenshot({ path: `test-results/${kind}-${scheme}.png` });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

test('a rebuild draws no diagram again: it builds without Chromium, to the same pages', async () => {
  const pages = ['notes/diagram/index.html', 'notes/diagram-kinds/index.html'];
  const before = await Promise.all(pages.map((page) => readFile(join(fixtureDist, page), 'utf8')));
  // Astro's own store of rendered notes goes: every note goes through the Markdown pipeline again.
  await rm(join(fixture.dir, 'node_modules', '.astro'), { recursive: true, force: true });
  const { ok, output } = await fixture.build({ CHROMIUM_PATH: join(fixture.dir, 'no-chromium-here') });
  expect(ok, output.slice(-2000)).toBe(true);
  const after = await Promise.all(pages.map((page) => readFile(join(fixtureDist, page), 'utf8')));
  expect(after).toEqual(before);
}, 300_000);

test('the offline copy keeps KaTeX’s fonts: the math note links the stylesheet that names them', async () => {
  const worker = await readFile(join(fixtureDist, 'sw.js'), 'utf8');
  expect(worker).toMatch(/\/_astro\/KaTeX_Main-Regular\.[\w-]+\.woff2/);
  expect(worker).toMatch(/\/_astro\/math\.[\w-]+\.css/);
});

test('search finds the note’s text but not the words inside its diagrams', async () => {
  const { page, close } = await open('/notes/diagram/', 'light');
  try {
    const count = (query: string) =>
      page.evaluate(
        `import('/pagefind/pagefind.js').then((pagefind) => pagefind.search(${JSON.stringify(query)})).then((search) => search.results.length)`,
      ) as Promise<number>;
    expect(await count('アクセス経路')).toBe(1);
    expect(await count('拒否')).toBe(0);
    expect(await count('バケット')).toBe(0);
  } finally {
    await close();
  }
});

test('build time of the fixture site (3 notes: math, 2 diagrams, every kind of diagram) is reported', () => {
  console.log(`fixture site build: ${Math.round(buildMs)} ms`);
  expect(buildMs).toBeGreaterThan(0);
});
