import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Every WCAG 2.x A/AA rule axe has (2.2 adds only AA rules), plus its best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe-core's violations on the page as it is now, one line each: `rule [impact] — targets`. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return results.violations.map(
    (v) => `${v.id} [${v.impact}] ${v.help} — ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
