/**
 * Zenn's footnotes (`[^1]` and inline `^[…]`) and headings (a body's `#` is not a second `<h1>`),
 * through the real pipeline, in `.md` and `.mdx`.
 */
import { describe, expect, test } from 'vitest';
import { fragment, textOf } from '../support/html.ts';
import { noteFormats, renderNote } from '../support/render-note.ts';

describe.each(noteFormats)('footnotes in .%s', (format) => {
  const source = [
    '本文[^1]と、インライン^[ただし**一部**の [リンク](https://example.com/) を除く]。',
    '',
    '\\^[これは本文] と ^[閉じない',
    '',
    '[^1]: 脚注の本文。',
  ].join('\n');

  test('reference and inline footnotes are numbered in order, with Japanese labels', async () => {
    const doc = fragment(await renderNote(source, format));
    const refs = [...doc.querySelectorAll('sup a[data-footnote-ref]')];
    expect(refs.map((a) => a.textContent)).toEqual(['1', '2']);
    const section = doc.querySelector('section[data-footnotes]');
    expect(section?.querySelector('h2')?.textContent).toBe('脚注');
    expect(section?.querySelector('h2')?.className).toBe('footnotes-title');
    const items = [...(section?.querySelectorAll('ol > li') ?? [])];
    expect(items.map((li) => textOf(li).replace(/↩.*$/, '').trim())).toEqual([
      '脚注の本文。',
      'ただし一部の リンク を除く',
    ]);
    expect(items[1]!.querySelector('strong')?.textContent).toBe('一部');
    expect(items[1]!.querySelector('a[href="https://example.com/"]')).not.toBeNull();
  });

  test('each back-link is a link (keyboard-reachable) named in Japanese, returning to its reference', async () => {
    const doc = fragment(await renderNote(source, format));
    const back = [...doc.querySelectorAll('a[data-footnote-backref]')];
    expect(back).toHaveLength(2);
    for (const link of back) {
      expect(link.getAttribute('aria-label')).toMatch(/^本文の\d番目の脚注の参照へ戻る$/);
      const target = doc.getElementById(decodeURIComponent(link.getAttribute('href')!.slice(1)));
      expect(target?.hasAttribute('data-footnote-ref')).toBe(true);
    }
  });

  test('the footnotes title gets no "#" link; an escaped or unclosed ^[ stays text', async () => {
    const doc = fragment(await renderNote(source, format));
    expect(doc.querySelector('section[data-footnotes] .heading-anchor')).toBeNull();
    expect(textOf(doc.querySelectorAll('p')[1]!)).toBe('^[これは本文] と ^[閉じない');
  });
});

describe.each(noteFormats)('headings in .%s', (format) => {
  test('a body that uses # has every heading moved down one level', async () => {
    const doc = fragment(await renderNote('# 概要\n\n## 手順\n\n###### 最深\n\n本文', format));
    expect([...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => [h.tagName, h.textContent])).toEqual([
      ['H2', '概要'],
      ['H3', '手順'],
      ['H6', '最深'],
    ]);
  });

  test('a body that starts at ## is left as written', async () => {
    const doc = fragment(await renderNote('## 手順\n\n### 詳細', format));
    expect([...doc.querySelectorAll('h2, h3')].map((h) => h.tagName)).toEqual(['H2', 'H3']);
  });
});
