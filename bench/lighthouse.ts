/**
 * Lighthouse bench (not a test): npm `lighthouse` drives Debian's Chromium (chrome-launcher with
 * its `chromePath`) against the build served like CloudFront (gzip, production headers), with its
 * default mobile form factor and simulated throttling. Reports the four category scores for the
 * home page and the IAM note; below 100, the audits that cost points. Budget: all 100.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { securityHeaderValues } from '../infra/security-headers.ts';
import { chromiumArgs, chromiumPath } from '../tests/support/browser.ts';
import { assertBuilt, distDir } from '../tests/support/dist.ts';
import { startStaticServer } from '../tests/support/static-server.ts';

export const PAGES = ['/', '/notes/iam/'];
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const chromeFlags = ['--headless', ...chromiumArgs];

export interface PageScores {
  path: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** Audits that lost points: `category: audit-id (score) title`. */
  lost: string[];
  metrics: Record<string, string>;
  /** What Lighthouse ran as: `mobile, simulate throttling, Lighthouse 13.x`. */
  settings: string;
}

export async function audit(paths = PAGES): Promise<PageScores[]> {
  assertBuilt();
  const server = await startStaticServer({ root: distDir, headers: securityHeaderValues(), gzip: true });
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags, logLevel: 'silent' });
  try {
    const results: PageScores[] = [];
    for (const path of paths) {
      const runner = await lighthouse(server.url + path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      if (!runner) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = runner;
      if (lhr.runtimeError)
        throw new Error(`Lighthouse on ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(
        CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]),
      ) as PageScores['scores'];
      const lost: string[] = [];
      for (const id of CATEGORIES) {
        for (const ref of lhr.categories[id]?.auditRefs ?? []) {
          const result = lhr.audits[ref.id];
          if (ref.weight > 0 && result && result.score !== null && result.score < 1)
            lost.push(`${id}: ${ref.id} (${result.score}) ${result.title}`);
        }
      }
      const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?';
      results.push({
        path,
        scores,
        lost,
        settings: `${lhr.configSettings.formFactor}, ${lhr.configSettings.throttlingMethod} throttling, Lighthouse ${lhr.lighthouseVersion}`,
        metrics: {
          FCP: metric('first-contentful-paint'),
          LCP: metric('largest-contentful-paint'),
          TBT: metric('total-blocking-time'),
          CLS: metric('cumulative-layout-shift'),
        },
      });
    }
    return results;
  } finally {
    chrome.kill();
    await server.close();
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const results = await audit();
  const figures: Record<string, string> = { 'run as': results[0]?.settings ?? '?' };
  for (const { path, scores, lost, metrics } of results) {
    figures[`${path} Performance / Accessibility / Best Practices / SEO`] = CATEGORIES.map((id) => scores[id]).join(
      ' / ',
    );
    figures[`${path} FCP, LCP, TBT, CLS (simulated mobile)`] = Object.values(metrics).join(', ');
    lost.forEach((line, i) => (figures[`${path} lost points ${i + 1}`] = line));
  }
  const all100 = results.every(({ scores }) => CATEGORIES.every((id) => scores[id] === 100));
  figures['budget: all four 100 on both pages'] = all100 ? 'met' : 'MISSED';
  return figures;
}
