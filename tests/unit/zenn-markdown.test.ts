/**
 * `.md` notes follow Zenn's rules, where MDX would not build: `{`, `<` and `>` are text, raw HTML is
 * shown as text (so a pasted `<script>` is inert), HTML comments are dropped. The same Zenn syntax
 * renders the same HTML in `.md` and `.mdx`.
 */
import { describe, expect, test } from 'vitest';
import { fragment, textOf } from '../support/html.ts';
import { noteFormats, renderNote } from '../support/render-note.ts';

describe('.md notes: Zenn’s Markdown, where MDX would fail', () => {
  test.each([
    {
      name: 'a JSON policy in text',
      source: 'ポリシー {"Effect": "Allow"} を付ける',
      text: 'ポリシー {"Effect": "Allow"} を付ける',
    },
    { name: 'comparisons', source: '1024 < 65535 > 80', text: '1024 < 65535 > 80' },
    { name: 'a tag written as text', source: '<div>hi</div> と書く', text: '<div>hi</div> と書く' },
    { name: 'an HTML block', source: '<div class="x">\n**太字**\n</div>', text: '<div class="x"> 太字 </div>' },
  ])('$name renders as text', async ({ source, text }) => {
    const doc = fragment(await renderNote(source, 'md'));
    expect(textOf(doc.body)).toBe(text);
    expect(doc.querySelector('div.x')).toBeNull();
  });

  test('Markdown inside what looks like an HTML block still renders, as on Zenn', async () => {
    const doc = fragment(await renderNote('<div>\n**太字**\n</div>', 'md'));
    expect(doc.querySelector('strong')?.textContent).toBe('太字');
  });

  test.each([
    { source: '前 <!-- メモ --> 後', text: '前 後' },
    { source: '前\n\n<!-- 段落ひとつ分の\nコメント -->\n\n後', text: '前 後' },
    { source: '<!-- 冒頭のコメント -->\n本文', text: '本文' },
  ])('an HTML comment is dropped: $source', async ({ source, text }) => {
    const html = await renderNote(source, 'md');
    expect(textOf(fragment(html).body)).toBe(text);
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('メモ');
  });

  // zenn-editor's br.test.ts: Zenn's one tag in text, though raw HTML is off.
  test.each([
    { source: 'foo<br>bar', breaks: 1 },
    { source: 'foo<br/>bar', breaks: 1 },
    { source: 'foo<br />bar', breaks: 1 },
    { source: '| a | b |\n| --- | --- |\n| foo<br>bar | c |', breaks: 1 },
    { source: '一<br>二<br>三', breaks: 2 },
    { source: 'foo`<br>`bar', breaks: 0 },
    { source: '```\n<br>\n```', breaks: 0 },
    { source: 'foo\\<br>bar', breaks: 0 },
    { source: 'foo<BR>bar', breaks: 0 },
    { source: 'foo<br  >bar', breaks: 0 },
  ])('$source has $breaks line break(s) from <br>, and keeps the rest as text', async ({ source, breaks }) => {
    const doc = fragment(await renderNote(source, 'md'));
    expect(doc.querySelectorAll('br')).toHaveLength(breaks);
    const text = textOf(doc.body);
    if (breaks) expect(text).not.toContain('<br');
    else expect(text).toMatch(/<br|<BR/);
  });

  test('<https://…> autolinks work', async () => {
    const doc = fragment(await renderNote('参照 <https://aws.amazon.com/iam/> を読む', 'md'));
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://aws.amazon.com/iam/');
  });
});

describe('XSS in .md: everything is inert or refused', () => {
  test.each([
    '<script>alert(1)</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<style>body{display:none}</style>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<details open ontoggle="alert(1)">',
    '"><script>alert(1)</script>',
    '<scr<script>ipt>alert(1)</script>',
  ])('%s is shown as text, with no element made', async (source) => {
    const html = await renderNote(source, 'md');
    const doc = fragment(html);
    expect(doc.querySelector('script, img, iframe, svg, style, math, details, a')).toBeNull();
    expect(textOf(doc.body)).toBe(source.replace(/\s+/g, ' ').trim());
    expect(html).not.toMatch(/<(script|img|iframe|svg|style)\b/i);
  });

  test.each([
    { source: '[x](javascript:alert(1))', problem: 'a link to "javascript:alert(1)" is not allowed' },
    { source: '<javascript:alert(1)>', problem: 'a link to "javascript:alert(1)" is not allowed' },
    { source: '![x](javascript:alert(1))', problem: 'an image to "javascript:alert(1)" is not allowed' },
    { source: '[x][r]\n\n[r]: vbscript:msgbox(1)', problem: 'a link to "vbscript:msgbox(1)" is not allowed' },
  ])('$source fails the build with its line', async ({ source, problem }) => {
    await expect(renderNote(source, 'md')).rejects.toThrow(problem);
  });
});

/** Astro writes a style attribute as `a:b` from MDX and `a: b;` from Markdown: the same style. */
const sameStyle = (html: string) =>
  html.replace(
    / style="([^"]*)"/g,
    (_, style: string) => ` style="${style.replace(/\s*([:;])\s*/g, '$1').replace(/;$/, '')}"`,
  );

describe('Zenn syntax renders the same HTML in .md and .mdx', () => {
  test.each([
    ':::message\n本文\n:::',
    ':::message alert\n注意\n:::',
    ':::details タイトル\n中身\n:::',
    '::::details 外側\n:::message\n内側\n:::\n::::',
    'https://docs.aws.amazon.com/ja_jp/IAM/latest/UserGuide/id.html',
    '@[card](https://aws.amazon.com/)',
    '```js:index.js\nconst a = 1;\n```',
    '```diff js\n- a\n+ b\n```',
    '一行目\n二行目',
    '[[IAMロール]]を使う。',
    '| a | b |\n| - | - |\n| 1 | 2 |',
  ])('%s', async (source) => {
    const [md, mdx] = await Promise.all(noteFormats.map((format) => renderNote(source, format)));
    expect(sameStyle(md)).toBe(sameStyle(mdx));
  });
});
