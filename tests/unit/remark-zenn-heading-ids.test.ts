/**
 * Heading ids are Zenn's (markdown-it-anchor 9 as zenn-markdown-html configures it), so a link to
 * a section written on Zenn, or copied with its 「見出しのIDをコピー」, lands on the same section
 * here. Each expected id is worked out by hand from Zenn's rule: the text of the heading's text and
 * inline code, trimmed, lower-cased, each run of whitespace one "-", nothing else changed; a repeat
 * gets -1, -2, …; only `#` to `####` count.
 */
import { describe, expect, test } from 'vitest';
import { resolveInternalLink } from '../../src/utils/internal-links.ts';
import { fragment } from '../support/html.ts';
import { noteFormats, renderNote } from '../support/render-note.ts';

const ids = async (markdown: string, format: 'md' | 'mdx' = 'md') =>
  [...fragment(await renderNote(markdown, format)).querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter((h) => h.className !== 'footnotes-title')
    .map((h) => h.getAttribute('id'));

describe.each(noteFormats)('Zenn heading ids in .%s', (format) => {
  test.each([
    ['## `@[tweet]` 記法', '@[tweet]-記法'],
    ['## Amazon S3 (概要)', 'amazon-s3-(概要)'],
    ['## ソースステージとは？', 'ソースステージとは？'],
    ['## IAM Policy の  書き方 ', 'iam-policy-の-書き方'],
    ['## 全角\u3000スペース', '全角-スペース'],
    ['## **太字**と[リンク](https://example.com/)と~~取消~~', '太字とリンクと取消'],
    ['## 図 ![構成図](https://example.com/a.png) の説明', '図-の説明'],
    ['## 式 $a^2$ の例', '式-の例'],
    ['## 注釈[^1]\n\n[^1]: 注。', '注釈'],
    ['## 100% の保証', '100%-の保証'],
    ['## a.b/c#d?e', 'a.b/c#d?e'],
  ])('%j → id %j', async (markdown, id) => {
    expect(await ids(markdown, format)).toEqual([id]);
  });

  test('repeats get -1, -2 in order, skipping an id a heading already has', async () => {
    expect(await ids('## 概要\n\n## a-1\n\n## 概要\n\n## A\n\n## a\n\n## a\n\n## 概要', format)).toEqual([
      '概要',
      'a-1',
      '概要-1',
      'a',
      'a-2',
      'a-3',
      '概要-2',
    ]);
  });

  test('a body’s # (moved down to h2) keeps its own id; ##### is no Zenn heading, so it takes its id after the rest', async () => {
    expect(await ids('# 概要\n\n###### 手順\n\n## 手順', format)).toEqual(['概要', '手順-1', '手順']);
  });

  test('each heading’s link beside it goes to its id', async () => {
    const doc = fragment(await renderNote('## `@[tweet]` 記法\n\n## 100% の保証', format));
    const links = [...doc.querySelectorAll('a.heading-anchor')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['#@[tweet]-記法', '#100%-の保証']);
  });
});

describe('the link check finds a heading by either spelling of its link', () => {
  test.each([
    ['/notes/zenn/#@[tweet]-記法', '@[tweet]-記法'],
    ['/notes/zenn/#%40%5Btweet%5D-%E8%A8%98%E6%B3%95', '@[tweet]-記法'], // Zenn's own, percent-encoded
    ['/notes/zenn/#100%-の保証', '100%-の保証'],
    ['/notes/zenn/#100%25-%E3%81%AE%E4%BF%9D%E8%A8%BC', '100%-の保証'],
    ['#amazon-s3-(概要)', 'amazon-s3-(概要)'],
  ])('%s → #%s', (href, id) => {
    expect(resolveInternalLink(href, '/notes/zenn/')?.fragment).toBe(id);
  });
});
