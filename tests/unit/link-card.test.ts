import { describe, expect, test } from 'vitest';
import { describeLink } from '../../src/utils/link-card.ts';
import { fragment, textOf } from '../support/html.ts';
import { renderMdx, renderNote } from '../support/render-note.ts';

describe('describeLink', () => {
  test.each([
    {
      href: 'https://d1.awsstatic.com/webinars/jp/pdf/services/20190129_AWS-BlackBelt_IAM_Part1.pdf',
      text: undefined,
      label: 'https://d1.awsstatic.com/webinars/jp/pdf/services/20190129_AWS-BlackBelt_IAM_Part1.pdf',
      host: 'd1.awsstatic.com',
      isPdf: true,
    },
    {
      href: 'https://d1.awsstatic.com/x/20201111_BlackBelt_AWS%20CodeStar_AWS_CodePipeline.pdf',
      text: undefined,
      label: 'https://d1.awsstatic.com/x/20201111_BlackBelt_AWS CodeStar_AWS_CodePipeline.pdf',
      host: 'd1.awsstatic.com',
      isPdf: true,
    },
    {
      href: 'https://www.slideshare.net/a/b',
      text: undefined,
      label: 'https://www.slideshare.net/a/b',
      host: 'slideshare.net',
      isPdf: false,
    },
    { href: 'https://example.com/doc.PDF?x=1', text: '資料', label: '資料', host: 'example.com', isPdf: true },
    {
      href: 'https://example.com/%E0%A4%A',
      text: undefined,
      label: 'https://example.com/%E0%A4%A',
      host: 'example.com',
      isPdf: false,
    },
  ])('$href', ({ href, text, ...expected }) => {
    expect(describeLink(href, text)).toMatchObject(expected);
  });
});

describe('link cards', () => {
  test('a URL alone on its line becomes a card: text, host, PDF mark, new tab announced', async () => {
    const doc = fragment(await renderMdx('https://d1.awsstatic.com/webinars/jp/pdf/services/a.pdf'));
    const link = doc.querySelector('p.link-card a');
    expect(link?.getAttribute('href')).toBe('https://d1.awsstatic.com/webinars/jp/pdf/services/a.pdf');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
    expect(textOf(link?.querySelector('.link-card-title'))).toBe(
      'https://d1.awsstatic.com/webinars/jp/pdf/services/a.pdf',
    );
    expect(textOf(link?.querySelector('.link-card-host'))).toBe('d1.awsstatic.com');
    expect(link?.querySelector('.link-card-pdf')?.textContent).toBe('PDF');
    expect(link?.querySelector('.sr-only')?.textContent).toBe('（新しいタブで開きます）');
  });

  test('@[card](URL) becomes a card', async () => {
    const doc = fragment(await renderMdx('@[card](https://zenn.dev/zenn/articles/markdown-guide)'));
    expect(doc.querySelector('.link-card a')?.getAttribute('href')).toBe(
      'https://zenn.dev/zenn/articles/markdown-guide',
    );
    expect(doc.querySelector('.link-card-pdf')).toBeNull();
    expect(doc.body.textContent).not.toContain('@');
  });

  test('consecutive URL lines each become a card; neighbouring text stays a paragraph', async () => {
    const doc = fragment(await renderMdx('この記事が良かった。\nhttps://qiita.com/a\nhttps://qiita.com/b\n後ろの行'));
    expect([...doc.querySelectorAll('.link-card a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://qiita.com/a',
      'https://qiita.com/b',
    ]);
    expect([...doc.querySelectorAll('body > p:not(.link-card)')].map((p) => p.textContent)).toEqual([
      'この記事が良かった。',
      '後ろの行',
    ]);
  });

  test.each([
    { name: 'a URL inside a sentence', source: 'Fluentdの軽量版。https://docs.fluentbit.io/manual' },
    { name: 'a URL in brackets', source: '[https://twitter.com/a/status/1]' },
    { name: 'a titled link alone', source: '[Fluentdは非推奨](https://docs.aws.amazon.com/)' },
    { name: 'a URL in inline code', source: '`https://example.com/`' },
    // zenn-editor's link.test.ts: only a URL written bare (linkify) becomes a card.
    { name: 'a link written with the URL as its text', source: '[https://example.com](https://example.com)' },
  ])('$name stays inline', async ({ source }) => {
    const doc = fragment(await renderMdx(source));
    expect(doc.querySelector('.link-card')).toBeNull();
  });

  test('an autolink <https://…> alone on a line stays a link in .md, as on Zenn', async () => {
    const doc = fragment(await renderNote('<https://example.com>', 'md'));
    expect(doc.querySelector('.link-card')).toBeNull();
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://example.com');
  });

  test.each([
    { source: '本文\n\n@[card](javascript:alert(1))', message: ':3: a link to "javascript:alert(1)" is not allowed' },
  ])('a card to script fails with the line: $source', async ({ source, message }) => {
    await expect(renderMdx(source)).rejects.toThrow(message);
  });

  // Zenn answers a card that is not an http(s) URL with 「URLが不正です」 in its place.
  test.each(['@[card](bad-example.com)', '@[card](/notes/iam/)'])(
    "a card that is not a web page shows Zenn's message in place: %s",
    async (source) => {
      const doc = fragment(await renderMdx(source));
      expect(doc.querySelector('.content-problem-message')?.textContent).toBe('URLが不正です');
      expect(doc.querySelector('.content-problem code')?.textContent).toBe(source);
      expect(doc.querySelector('a')).toBeNull();
    },
  );
});
