import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { securityHeaderValues } from '../../infra/security-headers.ts';
import { launchChromium } from './browser.ts';
import { assertBuilt, distDir } from './dist.ts';
import { startStaticServer, type RunningServer } from './static-server.ts';

/** The built site as a reader's browser gets it, for one test file. */
export interface ServedSite {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly browser: Browser;
  /** Serves another built folder from now on, or (`null`) none: every connection dropped. */
  serve(root: string | null): void;
}

/**
 * The one setup of every browser test: the built `dist/` served as S3 + CloudFront serve it (the
 * real URL rewrite, the production security headers, gzip) and Debian's Chromium, started before
 * the file's tests and closed after them.
 */
export function useSite(options: { build?: () => Promise<string> } = {}): ServedSite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    // `build` makes another site (a fixture) and returns its dist folder; by default, the real build.
    const root = options.build ? await options.build() : (assertBuilt(), distDir);
    server = await startStaticServer({ root, headers: securityHeaderValues(), gzip: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useSite(): the site is only there inside tests and hooks');
    return value;
  };
  return {
    get url() {
      return started(server).url;
    },
    get browser() {
      return started(browser);
    },
    serve: (root) => started(server).serve(root),
  };
}
