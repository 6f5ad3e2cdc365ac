/**
 * The logic behind the reading aids: what the copy button copies from a code block the real
 * Markdown pipeline made, and which section the 目次 marks.
 */
import { describe, expect, test } from 'vitest';
import { codeText } from '../../src/scripts/code-copy.ts';
import { currentHeading } from '../../src/scripts/toc-tracking.ts';
import { fragment } from '../support/html.ts';
import { renderMdx } from '../support/render-note.ts';

const copied = async (markdown: string) => codeText(fragment(await renderMdx(markdown)).querySelector('pre')!);

describe('codeText: the code as a reader pastes it', () => {
  test('plain code: every line as written, indentation and blank lines kept', async () => {
    expect(await copied('```yaml\nvolumes:\n\n  - ./host_dir:/data\n```')).toBe('volumes:\n\n  - ./host_dir:/data');
  });

  test('a titled block copies the code, not the file name', async () => {
    expect(await copied('```js:index.js\nconst a = 1;\n```')).toBe('const a = 1;');
  });

  test.each<[name: string, diff: string, code: string]>([
    [
      'unified diff (marker column, unchanged lines start with a space)',
      ' const a = 1;\n-const b = 2;\n+const b = 3;\n   return b;',
      'const a = 1;\nconst b = 3;\n  return b;',
    ],
    [
      'Zenn style (a space after each marker)',
      '- const b = 2;\n+ const b = 3;\n  const c = 4;\n+   nested();',
      'const b = 3;\nconst c = 4;\n  nested();',
    ],
    ['only additions', '+a\n+b', 'a\nb'],
    ['unchanged lines without a marker column keep their text', 'x\n+y\n-z', 'x\ny'],
    ['a line that is just "+" becomes empty', '+first\n+\n+third', 'first\n\nthird'],
  ])('diff, %s: removed lines left out, markers gone', async (_name, diff, code) => {
    expect(await copied(`\`\`\`diff js\n${diff}\n\`\`\``)).toBe(code);
  });

  test('line numbers (should a transformer add them) are not copied', () => {
    const pre = fragment(
      '<pre class="astro-code"><code><span class="line"><span class="line-number" aria-hidden="true">1</span><span>echo hi</span></span>\n<span class="line"><span class="line-number" aria-hidden="true">2</span><span>ls</span></span></code></pre>',
    ).querySelector('pre')!;
    expect(codeText(pre)).toBe('echo hi\nls');
  });
});

describe('currentHeading: the section in view', () => {
  const line = 80;
  test.each<[name: string, tops: number[], atEnd: boolean, index: number]>([
    ['above the first heading', [200, 900, 1600], false, -1],
    ['the first heading just reached the line', [80, 700, 1400], false, 0],
    ['between the second and the third', [-900, -100, 600], false, 1],
    ['all passed', [-2000, -1000, -10], false, 2],
    ['scrolled to the end: the last, even if it never reached the line', [-900, 300, 500], true, 2],
    ['no headings', [], false, -1],
  ])('%s', (_name, tops, atEnd, index) => {
    expect(currentHeading(tops, line, atEnd)).toBe(index);
  });
});
