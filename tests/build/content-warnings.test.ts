import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fragment, textOf } from '../support/html.ts';
import { throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

/**
 * What Zenn renders with a visible problem (a formula KaTeX cannot typeset, an embed URL it
 * answers with a message, a missing image, a link to a heading that is not there) builds here too:
 * each page shows the problem in place, and the build lists every problem with its file:line at
 * the end. NOTES_STRICT=1 makes the first one stop the build.
 */
const frontmatter = (title: string) => `---\ntitle: "${title}"\ndescription: "説明。"\ncategory: "ネットワーク"\n---\n`;
const content = {
  'notes/good.md': `${frontmatter('良いノート')}## 見出し\n\n本文。\n`,
  // Lines 6-14 of the file (the frontmatter takes 5): the .md loader hands the plugins the body only.
  'notes/slips.md': `${frontmatter('うっかり')}本文\n\n![構成図](/images/none.png =250x)\n\n@[youtube](not a video)\n\n$a^$\n\n[見出しへ](/notes/good/#存在しない見出し)\n`,
  'notes/other.mdx': `${frontmatter('MDX のノート')}![図](./none.png)\n`,
};
const expected = [
  'content/notes/slips.md:8: the image "/images/none.png" does not exist',
  'content/notes/slips.md:10: "not a video" is not a YouTube video id or video URL',
  'content/notes/slips.md:12: KaTeX cannot typeset "a^"',
  'content/notes/slips.md:14: links to "/notes/good/#存在しない見出し": "/notes/good/index.html" has no element with id "存在しない見出し"',
  'content/notes/other.mdx:6: the image "./none.png" does not exist',
];

let site: ThrowawaySite;
let first: { ok: boolean; output: string };
beforeAll(async () => {
  site = await throwawaySite({ content });
  first = await site.build();
}, 300_000);
afterAll(() => site?.remove());

describe('problems Zenn shows in place', () => {
  test('build, and are listed together at the end with file:line', () => {
    expect(first.ok, first.output).toBe(true);
    const listing = first.output.slice(first.output.indexOf('5 problem(s) shown in place'));
    expect(listing).toContain('NOTES_STRICT=1');
    for (const line of expected) expect(listing).toContain(line);
  });

  test('show on their pages where they are, the rest of the note intact', async () => {
    const page = fragment(await readFile(join(site.dir, 'dist', 'notes', 'slips', 'index.html'), 'utf8'));
    const boxes = [...page.querySelectorAll('article .content-problem')].map((box) => textOf(box));
    expect(boxes).toEqual([
      '画像「構成図」: /images/none.pngにファイルが存在しません。',
      'YouTubeのvideoIDが不正です @[youtube](not a video)',
    ]);
    expect(textOf(page.querySelector('article .katex-error'))).toBe('a^');
    // The link stays a link, to the page, as on Zenn.
    const link = page.querySelector('article a[href^="/notes/good/#"]');
    expect(decodeURIComponent(link?.getAttribute('href') ?? '')).toBe('/notes/good/#存在しない見出し');
    expect(link?.textContent).toBe('見出しへ');
    const other = fragment(await readFile(join(site.dir, 'dist', 'notes', 'other', 'index.html'), 'utf8'));
    expect(textOf(other.querySelector('article .content-problem'))).toBe(
      '画像「図」: ./none.pngにファイルが存在しません。',
    );
  });

  test('are listed again by a rebuild that keeps the notes it rendered before', async () => {
    const again = await site.build();
    expect(again.ok, again.output).toBe(true);
    for (const line of expected) expect(again.output).toContain(line);
  }, 300_000);

  test('stop the build with NOTES_STRICT=1, naming the file and line', async () => {
    const strict = await site.build({ NOTES_STRICT: '1' });
    expect(strict.ok).toBe(false);
    expect(expected.some((line) => strict.output.includes(line))).toBe(true);
  }, 300_000);
});
