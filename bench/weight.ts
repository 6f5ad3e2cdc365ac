/**
 * First-view weight bench (not a test): the IAM note opened in Debian Chromium on a phone-sized
 * screen with an empty cache, the build served like CloudFront (gzip, production headers). Counts
 * every response's transfer size (compressed body + headers), split by type, plus the icon the
 * page declares (headless Chromium does not fetch it by itself, a browser tab does); the
 * JavaScript that runs before the first interaction, gzipped (the inline head script, and the
 * compressed bodies of the script files the page loads); and web-font requests. Budgets
 * (HELPER-GUIDE, docs/quality.md): ≤ 13 KB in all, ≤ 1.5 KB of gzipped JavaScript before the
 * first interaction, no font.
 */
import { gzipSync } from 'node:zlib';
import type { Request } from 'playwright-core';
import { securityHeaderValues } from '../infra/security-headers.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { assertBuilt, distDir } from '../tests/support/dist.ts';
import { startStaticServer } from '../tests/support/static-server.ts';

export const BUDGET_TOTAL = 13 * 1024;
export const BUDGET_JS = 1536;

export interface Weight {
  url: string;
  requests: { path: string; type: string; body: number; headers: number }[];
  byType: Record<string, number>;
  total: number;
  totalBodies: number;
  /** JavaScript run before the first interaction: inline scripts (raw and gzipped) and script files. */
  inlineJs: number;
  inlineJsGzip: number;
  /** Script files: compressed bodies, and bodies with their response headers. */
  scriptBodies: number;
  scriptFiles: number;
  fontRequests: number;
  /**
   * The web app manifest, fetched apart: browsers fetch it themselves, when they check whether the
   * site can be installed (after `load`, if at all; headless Chromium never does), so it is not in
   * `total`. Undefined when the page links none.
   */
  manifest?: { body: number; headers: number };
}

const typeOf = (request: Request) => {
  const type = request.resourceType();
  if (type === 'document' || type === 'stylesheet' || type === 'script' || type === 'font') return type;
  if (type === 'image' || /\.(svg|png|ico|webp|avif)$/.test(new URL(request.url()).pathname)) return 'icon/image';
  return type;
};

export async function firstView(path = '/notes/iam/'): Promise<Weight> {
  assertBuilt();
  const server = await startStaticServer({ root: distDir, headers: securityHeaderValues(), gzip: true });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 412, height: 823 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const finished: Promise<Weight['requests'][number]>[] = [];
    page.on('requestfinished', (request) => {
      finished.push(
        request.sizes().then((sizes) => ({
          path: new URL(request.url()).pathname,
          type: typeOf(request),
          body: sizes.responseBodySize,
          headers: sizes.responseHeadersSize,
        })),
      );
    });
    await page.goto(server.url + path, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    // The declared icons, fetched as a tab would (counted like any other response).
    const icons = await page.$$eval('link[rel~="icon"]', (links) =>
      links.map((link) => (link as HTMLLinkElement).href),
    );
    const requested = new Set((await Promise.all(finished)).map((r) => r.path));
    // (An icon given as a data: URL is in the page already: no request.)
    for (const icon of icons.filter((href) => !href.startsWith('data:'))) {
      if (!requested.has(new URL(icon).pathname))
        await page.evaluate((href) => fetch(href).then((r) => r.blob()), icon);
    }
    await page.waitForTimeout(200);
    const requests = await Promise.all(finished);
    const manifestHref = await page
      .$eval('link[rel="manifest"]', (link) => (link as HTMLLinkElement).href)
      .catch(() => '');
    let manifest: Weight['manifest'];
    if (manifestHref) {
      const [request] = await Promise.all([
        page.waitForEvent('requestfinished', (r) => r.url() === manifestHref),
        page.evaluate((href) => fetch(href).then((r) => r.blob()), manifestHref),
      ]);
      const sizes = await request.sizes();
      manifest = { body: sizes.responseBodySize, headers: sizes.responseHeadersSize };
    }
    const inline = await page.$$eval('script:not([src])', (scripts) =>
      scripts.map((script) => script.textContent ?? ''),
    );
    const byType: Record<string, number> = {};
    for (const r of requests) byType[r.type] = (byType[r.type] ?? 0) + r.body + r.headers;
    return {
      url: path,
      requests,
      byType,
      total: requests.reduce((sum, r) => sum + r.body + r.headers, 0),
      totalBodies: requests.reduce((sum, r) => sum + r.body, 0),
      inlineJs: inline.reduce((sum, code) => sum + Buffer.byteLength(code), 0),
      inlineJsGzip: inline.length ? gzipSync(inline.join('')).length : 0,
      scriptBodies: requests.filter((r) => r.type === 'script').reduce((sum, r) => sum + r.body, 0),
      scriptFiles: requests.filter((r) => r.type === 'script').reduce((sum, r) => sum + r.body + r.headers, 0),
      fontRequests: requests.filter((r) => r.type === 'font' || /\.(woff2?|ttf|otf|eot)$/.test(r.path)).length,
      manifest,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

export async function run(): Promise<Record<string, number | string>> {
  const w = await firstView('/notes/iam/');
  const js = w.inlineJsGzip + w.scriptBodies;
  return {
    'IAM note first view, in all (bodies + headers)': `${kb(w.total)} in ${w.requests.length} responses`,
    'of which compressed bodies': kb(w.totalBodies),
    ...Object.fromEntries(Object.entries(w.byType).map(([type, bytes]) => [`  ${type}`, kb(bytes)])),
    ...Object.fromEntries(
      w.requests.map((r) => [`  ${r.path}`, `${r.type}: ${r.body} B body + ${r.headers} B headers`]),
    ),
    'JS before the first interaction, gzipped': `${js} B (inline ${w.inlineJsGzip} B gzipped, ${w.inlineJs} B raw; script files ${w.scriptBodies} B compressed, ${w.scriptFiles} B with headers)`,
    'web-font requests': w.fontRequests,
    'web app manifest (not above: the browser fetches it for its install check, after load, if at all)': w.manifest
      ? `${w.manifest.body} B body + ${w.manifest.headers} B headers`
      : 'none linked',
    [`budget: ≤ ${kb(BUDGET_TOTAL)} in all`]: verdict(w.total <= BUDGET_TOTAL),
    [`budget: ≤ ${BUDGET_JS} B gzipped JS before the first interaction`]: verdict(js <= BUDGET_JS),
    'budget: no web font': verdict(w.fontRequests === 0),
  };
}
