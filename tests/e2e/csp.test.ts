/**
 * The built site under the exact production security headers (infra/security-headers.ts, the same
 * data the CloudFront response headers policy is made from), in headless Chromium: pages load with
 * no CSP violation or console error, and Pagefind search still works.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentSecurityPolicyDirectives, scriptHash, securityHeaderValues } from '../../infra/security-headers.ts';
import { distDir as DIST, listHtmlPages } from '../support/dist.ts';
import { useSite } from '../support/site.ts';
import { startStaticServer } from '../support/static-server.ts';

const headers = securityHeaderValues();

const site = useSite();

/** Opens a page and records every CSP violation, console error and uncaught exception. */
async function openPage(
  path: string,
): Promise<{ page: Page; problems: () => Promise<string[]>; cspHeader: string | undefined }> {
  const page = await site.browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  // Injected by the browser's DevTools protocol, so the page's CSP does not apply to it.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  const response = await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  return {
    page,
    cspHeader: response?.headers()['content-security-policy'],
    problems: async () => [
      ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)),
      ...errors,
    ],
  };
}

describe('site under the production CSP', () => {
  it('every inline script in the build is allowed by its hash, and no inline event handlers exist', async () => {
    const allowed = new Set(contentSecurityPolicyDirectives['script-src']);
    for (const file of await listHtmlPages()) {
      const html = await readFile(join(DIST, file), 'utf8');
      for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const [, attributes, body] = match;
        if (/\bsrc=/i.test(attributes) || /type=["']?application\/(ld\+)?json/i.test(attributes)) continue;
        expect(
          allowed.has(scriptHash(body)),
          `inline script in ${file} is not in script-src: ${body.slice(0, 80)}`,
        ).toBe(true);
      }
      expect(html, file).not.toMatch(/\son[a-z]+=["']/i);
    }
  });

  it.each(['/', '/notes/iam/', '/notes/docker/', '/review/', '/topics/IAM/', '/404.html'])(
    '%s loads with no CSP violation or console error',
    async (path) => {
      const { page, problems, cspHeader } = await openPage(path);
      try {
        expect(cspHeader).toBe(headers['content-security-policy']);
        await page.waitForTimeout(300); // let deferred module scripts run
        expect(await problems()).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  it('the harness does see violations: without the inline-script hash the theme script is reported', async () => {
    const strict = {
      ...headers,
      'content-security-policy': headers['content-security-policy'].replace(/ 'sha256-[^']+'/g, ''),
    };
    const control = await startStaticServer({ root: DIST, headers: strict });
    const page = await site.browser.newPage();
    try {
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(`${control.url}/notes/iam/`, { waitUntil: 'load' });
      expect(errors.join('\n')).toMatch(/Content Security Policy/);
    } finally {
      await page.close();
      await control.close();
    }
  });

  it('/notes/iam redirects to /notes/iam/ through the CloudFront Function', async () => {
    const response = await fetch(`${site.url}/notes/iam`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/notes/iam/');
  });

  it('search finds the IAM note for 認証 with the CSP in force', async () => {
    const { page, problems } = await openPage('/notes/iam/');
    try {
      // The button that opens the search dialog, by its hook or by its ARIA link to the dialog.
      const open = page.locator('[data-search-open], button[aria-controls="search-dialog"]').first();
      expect(await open.count(), 'the note page has no search button; the search UI is missing').toBeGreaterThan(0);
      await open.click();
      const input = page.locator('dialog[open] input[type=search], [role=dialog] input[type=search]').first();
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('認証');
      // The page itself or one of its headings (`/notes/iam/#…`).
      const result = page.locator('dialog[open] a[href*="/notes/iam/"], [role=dialog] a[href*="/notes/iam/"]').first();
      await result.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await problems()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
