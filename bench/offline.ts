/**
 * Offline bench (not a test): what the service worker keeps and how long filling it takes. A first
 * visit to the IAM note in Debian Chromium, the build served like CloudFront (gzip, production
 * headers); the worker registers after `load` and fills its cache in the background. Reports the
 * files and bytes it keeps (as stored, uncompressed), the bytes it fetched (compressed bodies and
 * headers), and the time from the page's `load` to the worker in control (`activated`: Workbox
 * activates only once the whole cache is filled). `npm run bench -- --notes 1000` measures the
 * same for the generated sites (bench/scale.ts).
 */
import { securityHeaderValues } from '../infra/security-headers.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { assertBuilt, distDir } from '../tests/support/dist.ts';
import { startStaticServer } from '../tests/support/static-server.ts';

export interface OfflineFill {
  files: number;
  /** Bytes kept in Cache Storage (response bodies, uncompressed). */
  storedBytes: number;
  /** Bytes the worker fetched: compressed bodies plus headers. */
  fetchedBytes: number;
  requests: number;
  /** From the page's `load` to the filled worker in control. */
  fillMs: number;
}

declare global {
  interface Window {
    __benchLoad?: number;
    __benchFilled?: number;
  }
}

export async function offlineFill(dist: string, path = '/notes/iam/'): Promise<OfflineFill> {
  const server = await startStaticServer({ root: dist, headers: securityHeaderValues(), gzip: true });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const fetched: Promise<number>[] = [];
    // The worker's own requests (Chromium reports them on the context, with no page).
    context.on('requestfinished', (request) => {
      if (request.serviceWorker())
        fetched.push(request.sizes().then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize));
    });
    await context.addInitScript(() => {
      addEventListener('load', () => (window.__benchLoad = performance.now()));
      navigator.serviceWorker?.addEventListener('controllerchange', () => {
        const worker = navigator.serviceWorker.controller!;
        const done = () => {
          if (worker.state === 'activated') window.__benchFilled ??= performance.now();
        };
        worker.addEventListener('statechange', done);
        done();
      });
    });
    const page = await context.newPage();
    await page.goto(server.url + path, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__benchFilled !== undefined, undefined, { timeout: 600_000 });
    const fillMs = await page.evaluate(() => window.__benchFilled! - window.__benchLoad!);
    const stored = await page.evaluate(async () => {
      let files = 0;
      let bytes = 0;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          files++;
          bytes += (await (await cache.match(request))!.arrayBuffer()).byteLength;
        }
      }
      return { files, bytes };
    });
    const sizes = await Promise.all(fetched);
    return {
      files: stored.files,
      storedBytes: stored.bytes,
      fetchedBytes: sizes.reduce((sum, bytes) => sum + bytes, 0),
      requests: sizes.length,
      fillMs,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** One line of figures, shared with the scale bench. */
export const describeFill = (fill: OfflineFill) =>
  `${fill.files} files, ${mb(fill.storedBytes)} kept; ${mb(fill.fetchedBytes)} fetched in ${fill.requests} requests; filled ${(fill.fillMs / 1000).toFixed(2)} s after load`;

export async function run(): Promise<Record<string, number | string>> {
  assertBuilt();
  const fill = await offlineFill(distDir);
  return {
    'offline copy of the site (first visit to the IAM note)': describeFill(fill),
    'kept, uncompressed': mb(fill.storedBytes),
    'fetched by the worker (gzip bodies + headers)': mb(fill.fetchedBytes),
    'background fill, from load to the worker in control': `${fill.fillMs.toFixed(0)} ms`,
  };
}
