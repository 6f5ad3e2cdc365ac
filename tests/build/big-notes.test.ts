/**
 * A big note builds, whole; a note too big or nested too deep for the Markdown parser fails at
 * once, naming its file and line, instead of running for minutes (issue 26; the limits are in
 * src/notes/note-limits.ts, the times in `npm run bench -- big-note` and docs/quality.md).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, test } from 'vitest';
import { textOf } from '../support/html.ts';
import { projectRoot, throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

const made: ThrowawaySite[] = [];
afterAll(() => Promise.all(made.map((site) => site.remove())));

const memo = readFileSync(join(projectRoot, 'tests', 'fixtures', 'aws-memo.zenn.md'), 'utf8').replace(
  /^---\n[\s\S]*?\n---\n/,
  '',
);
/** The memo's `#` sections and `:::message` blocks, counted in its source. */
const memoSections = memo.match(/^# /gm)!.length;
const memoMessages = memo.match(/^:::message/gm)!.length;

async function build(notes: Record<string, string>) {
  const site = await throwawaySite({
    content: Object.fromEntries(Object.entries(notes).map(([name, text]) => [`notes/${name}`, text])),
  });
  made.push(site);
  return { site, ...(await site.build()) };
}

describe('big notes', () => {
  test('a 1 MB note (the memo 56 times) builds, every copy of every section in it', async () => {
    const copies = 56;
    const body = Array.from({ length: copies }, (_, i) => `# 写し${i + 1}\n\n${memo}`).join('\n');
    expect(Buffer.byteLength(body)).toBeGreaterThan(1_000_000);
    const { site, ok, output } = await build({ 'big.md': `---\ntitle: "大きなノート"\n---\n${body}` });
    expect(ok, output.slice(-3000)).toBe(true);
    const page = parseHTML(await readFile(join(site.dir, 'dist', 'notes', 'big', 'index.html'), 'utf8')).document;
    const prose = page.querySelector('.prose')!;
    const headings = [...prose.querySelectorAll('h2')].map((h) => textOf(h));
    // Each copy: its own `# 写しN` and the memo's `#` sections, all moved down to <h2>.
    expect(headings).toHaveLength(copies * (memoSections + 1));
    expect(headings.filter((text) => text.startsWith('写し'))).toEqual(
      Array.from({ length: copies }, (_, i) => `写し${i + 1}`),
    );
    expect(prose.querySelectorAll('aside.msg')).toHaveLength(copies * memoMessages);
    // The memo's nested lists stay nested in the last copy too.
    expect(prose.querySelectorAll('li ul li ul li').length).toBeGreaterThanOrEqual(copies);
    const lastLine = memo.trim().split('\n').at(-1)!.replace(/[*`]/g, '');
    expect(textOf(prose)).toContain(lastLine.slice(0, 20));
  }, 600_000);
});

describe('a note too big or too deep for the parser fails at once, naming its file', () => {
  const note = (body: string) => `---\ntitle: "壊れたノート"\n---\n${body}\n`;
  test.each([
    {
      name: 'a list nested 2,000 deep',
      body: Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- 項目${i + 1}`).join('\n'),
      expected: 'content/notes/deep.md:2003: lists and quotes nest 2000 deep here, more than the 32 levels',
      fix: 'Flatten the list',
    },
    {
      name: 'quotes nested 2,000 deep on one line',
      body: `${'> '.repeat(2000)}引用`,
      expected: 'content/notes/deep.md:4: lists and quotes nest 2000 deep here',
      fix: 'Flatten the list',
    },
    {
      name: 'a note of 5 MB',
      body: `${'本文の行。'.repeat(20)}\n\n`.repeat(17_500),
      expected: 'content/notes/deep.md:1: the note is 5.0 MiB, more than the 4 MiB a note may be',
      fix: 'Split it into several notes that link to each other',
    },
  ])(
    '$name',
    async ({ body, expected, fix }) => {
      const { ok, output } = await build({ 'deep.md': note(body), 'good.md': note('本文。') });
      expect(ok).toBe(false);
      expect(output).toContain(expected);
      expect(output).toContain(fix);
    },
    180_000,
  );
});
