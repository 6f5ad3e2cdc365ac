/** Text on one line (src/utils/one-line.ts): glossary definitions, llms.txt, Anki fields, build messages. */
import { expect, test } from 'vitest';
import { oneLine } from '../../src/utils/one-line.ts';

test.each<[name: string, text: string, line: string]>([
  ['line breaks of every system', 'a\nb\r\nc\rd', 'a b c d'],
  ['runs of spaces and tabs', 'a  \t  b', 'a b'],
  ['white space at both ends', '\n  a b \t\n', 'a b'],
  ['an ideographic space (U+3000)', '用語\u3000\u3000定義', '用語 定義'],
  ['a no-break space (U+00A0)', 'AWS\u00a0IAM', 'AWS IAM'],
  ['a zero-width space is not white space', 'a\u200bb', 'a\u200bb'],
  ['only white space', ' \n\t ', ''],
  ['empty', '', ''],
])('%s', (_name, text, line) => {
  expect(oneLine(text)).toBe(line);
});
