/**
 * zenn-editor's own tests as the spec: each input of `packages/zenn-markdown-html/__tests__`
 * rendered through this site's pipeline, checked for the meaning Zenn's test checks (not its class
 * names), or for the deliberate difference `docs/zenn-conformance.md` gives with its reason. The
 * cases live in `tests/support/zenn-conformance-cases.ts`; the doc's table must list each of them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fragment, textOf } from '../support/html.ts';
import { renderNote } from '../support/render-note.ts';
import { conformanceCases, matcherFiles } from '../support/zenn-conformance-cases.ts';

const root = join(import.meta.dirname, '..', '..');

describe('zenn-editor’s __tests__ through this pipeline (.md)', () => {
  test.each(conformanceCases.map((c) => [c.zenn, c] as const))('%s', async (_, { input, expect: expected }) => {
    for (const source of [input].flat()) {
      const rendered = renderNote(source, 'md');
      if ('refused' in expected) {
        await expect(rendered, source).rejects.toThrow(expected.refused);
        continue;
      }
      if ('notRefusedFor' in expected) {
        const problem = await rendered.then(
          (html) => textOf(fragment(html).querySelector('.content-problem, aside.msg.alert')),
          (e: unknown) => String((e as Error).message),
        );
        expect(problem, source).not.toMatch(expected.notRefusedFor);
        continue;
      }
      if ('shownInPlace' in expected) {
        const doc = fragment(await rendered);
        const shown = doc.querySelector('.content-problem, .katex-error, aside.msg.alert');
        expect(textOf(shown), source).toMatch(expected.shownInPlace);
        expect(doc.querySelector('iframe, script, [onerror], .link-card'), source).toBeNull();
        continue;
      }
      const html = await rendered;
      expected(fragment(html), html);
    }
  });
});

describe('docs/zenn-conformance.md', () => {
  test('lists every case once, with its verdict and, for a difference, its reason', async () => {
    const doc = await readFile(join(root, 'docs', 'zenn-conformance.md'), 'utf8');
    // A row: | `` basic › test name `` | same | why |
    const rows = doc
      .split('\n')
      .filter((line) => line.startsWith('| `` '))
      .map((line) => /^\| `` (.+?) `` \| ([^|]+) \|/.exec(line)!)
      .map(([, zenn = '', verdict = '']) => [zenn, verdict.trim()] as const);
    const labels = conformanceCases.map((c) => c.zenn);
    expect(new Set(labels).size).toBe(labels.length);
    const expected = [
      ...conformanceCases.map((c) => [c.zenn, c.verdict === 'same' ? 'same' : 'deliberate difference'] as const),
      ...matcherFiles.map((file) => [file, 'same'] as const),
    ];
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
    expect(rows).toHaveLength(expected.length);
    for (const c of conformanceCases) if (c.verdict === 'deliberate') expect(c.note, c.zenn).toBeTruthy();
  });

  test('zenn-embeds.test.ts ports each URL matcher the table says it does', async () => {
    const tests = await readFile(join(root, 'tests', 'unit', 'zenn-embeds.test.ts'), 'utf8');
    for (const file of matcherFiles) expect(tests).toContain(`[${file.replace('matchers/', '')}, `);
  });
});
