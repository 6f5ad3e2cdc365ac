/**
 * HTML gate: every built page is valid under html-validate's recommended rules. The few rules the
 * site relaxes are in `.htmlvalidate.json`, each with its reason in docs/quality.md; a failure
 * names the page, the line and column, the rule and what is wrong.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HtmlValidate, type ConfigData, type Report } from 'html-validate';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertBuilt, distDir, listHtmlPages } from '../support/dist.ts';

const root = join(import.meta.dirname, '..', '..');
let config: ConfigData;
let validator: HtmlValidate;

beforeAll(async () => {
  assertBuilt();
  config = JSON.parse(await readFile(join(root, '.htmlvalidate.json'), 'utf8')) as ConfigData;
  validator = new HtmlValidate(config);
});

/** `notes/ecs/index.html:25:47 valid-id: element id "-x-" must begin with a letter`. */
const describeReport = (report: Report) =>
  report.results.flatMap((result) =>
    result.messages.map(
      (m) =>
        `${result.filePath}:${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ''}`,
    ),
  );

describe('html-validate (recommended rules)', () => {
  test('every built page is valid', async () => {
    const pages = await listHtmlPages();
    expect(pages.length).toBeGreaterThanOrEqual(30);
    const problems: string[] = [];
    for (const file of pages) {
      const html = await readFile(join(distDir, file), 'utf8');
      problems.push(...describeReport(await validator.validateString(html, file)));
    }
    expect(problems).toEqual([]);
  });

  test('the config extends the recommended rules, and every relaxed rule is written down with its reason', async () => {
    expect(config.extends).toEqual(['html-validate:recommended']);
    const docs = await readFile(join(root, 'docs', 'quality.md'), 'utf8');
    const exceptions = docs.split(/^## /m).find((section) => section.startsWith('HTML'));
    expect(exceptions, 'docs/quality.md has an "HTML…" section').toBeDefined();
    for (const rule of Object.keys(config.rules ?? {})) {
      // A table row: | `rule-id` | what is changed | why |
      const row = exceptions!.split('\n').find((line) => line.startsWith(`| \`${rule}\``));
      expect(row, `docs/quality.md gives no reason for relaxing ${rule}`).toBeDefined();
      expect(
        row!.split('|').filter((cell) => cell.trim()).length,
        `${rule}: rule, change and reason`,
      ).toBeGreaterThanOrEqual(3);
    }
  });

  test('control: the same config reports real mistakes (a duplicate id, an image without alt, a stray end tag)', async () => {
    const page =
      '<!doctype html><html lang="ja"><head><title>t</title></head><body><main><p id="a">x</p><p id="a">y</p><img src="/a.png"></div></main></body></html>';
    const rules = describeReport(await validator.validateString(page, 'control.html')).map(
      (line) => line.split(' ')[1],
    );
    expect(rules).toEqual(expect.arrayContaining(['no-dup-id:', 'wcag/h37:', 'close-order:']));
  });

  test('control: the relaxed rules still catch what they are meant to (an id with a space, an inline colour)', async () => {
    const page =
      '<!doctype html><html lang="ja"><head><title>t</title></head><body><main><p id="a b">x</p><p style="color:red">y</p></main></body></html>';
    const rules = describeReport(await validator.validateString(page, 'control.html')).map(
      (line) => line.split(' ')[1],
    );
    expect(rules).toEqual(expect.arrayContaining(['valid-id:', 'no-inline-style:']));
  });
});
