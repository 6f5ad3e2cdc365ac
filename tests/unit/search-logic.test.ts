import { describe, expect, test } from 'vitest';
import { decodeEntities, parseExcerpt } from '../../src/scripts/search/excerpt.ts';
import { fragmentId } from '../../src/scripts/search/fragment.ts';
import { noResultsMessage, resultCountMessage } from '../../src/scripts/search/messages.ts';
import {
  comparableText,
  containsAllParts,
  displayQuery,
  MAX_QUERY_LENGTH,
  normaliseQuery,
  queryParts,
} from '../../src/scripts/search/query.ts';
import { safePath, sectionScore, shapeResult, type PagefindResultData } from '../../src/scripts/search/results.ts';

describe('normaliseQuery', () => {
  test.each([
    ['認証', '認証'],
    ['  認証  ', '認証'],
    ['ＩＡＭ　ロール', 'IAM ロール'],
    ['ｱｸｾｽｷｰ', 'アクセスキー'],
    ['AssumeRole', 'AssumeRole'],
    ['a\t\n b', 'a b'],
    ['', ''],
    ['     ', ''],
    ['!!?? ### ～～ 。、・', ''],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseQuery(raw)).toBe(expected);
  });

  test(`cuts at ${MAX_QUERY_LENGTH} characters, counting code points`, () => {
    expect([...normaliseQuery('𩸽'.repeat(1000))]).toHaveLength(MAX_QUERY_LENGTH);
  });
});

describe('displayQuery', () => {
  test.each([
    ['認証', '認証'],
    [' a  b ', 'a b'],
    ['あ'.repeat(31), `${'あ'.repeat(30)}…`],
  ])('%j → %j', (raw, expected) => expect(displayQuery(raw)).toBe(expected));
});

describe('query words and page text', () => {
  test.each([
    ['Web Application Firewall', ['web', 'application', 'firewall']],
    ['<img src=x onerror=alert(1)>', ['img', 'src', 'x', 'onerror', 'alert', '1']],
    ['IAM、ロール', ['iam', 'ロール']],
  ])('queryParts(%j)', (query, parts) => expect(queryParts(query)).toEqual(parts));

  test('comparableText drops zero-width spaces, decodes entities, folds width and case', () => {
    expect(comparableText('永続\u200b化 &lt;ECS&gt; 停⽌ ＡＷＳ')).toBe('永続化 <ecs> 停止 aws');
  });

  test.each([
    ['永続\u200bの\u200b永続\u200b化', '永続化', true],
    ['AssumeRole', 'assumerole', true],
    ['ホスト\u200bポート', 'ホストポート', true],
    ['ホスト', 'ホストポート', false],
    ['ぬ る ぽ', 'ぬるぽがっ', false],
    ['x = 1 and img', '<img src=x onerror=alert(1)>', false],
    ['Web Application Firewall (WAF)', 'Web Application Firewall', true],
  ])('containsAllParts(%j, %j) is %s', (content, query, expected) => {
    expect(containsAllParts(content, query)).toBe(expected);
  });
});

describe('parseExcerpt', () => {
  test.each([
    ['plain', [{ text: 'plain', hit: false }]],
    [
      'a <mark>認証</mark> b',
      [
        { text: 'a ', hit: false },
        { text: '認証', hit: true },
        { text: ' b', hit: false },
      ],
    ],
    [
      '<mark>永続</mark>\u200b<mark>化</mark>が',
      [
        { text: '永続化', hit: true },
        { text: 'が', hit: false },
      ],
    ],
    ['&lt;img src=x onerror=alert(1)&gt;', [{ text: '<img src=x onerror=alert(1)>', hit: false }]],
    ['<img src=x onerror=alert(1)>', [{ text: '<img src=x onerror=alert(1)>', hit: false }]],
    [
      '<mark>a</mark><b>x</b>',
      [
        { text: 'a', hit: true },
        { text: '<b>x</b>', hit: false },
      ],
    ],
    ['', []],
  ])('%j', (html, runs) => expect(parseExcerpt(html)).toEqual(runs));

  test.each([
    ['&amp;&lt;&gt;&quot;&#39;&#x41;', '&<>"\'A'],
    ['&unknown; &#0; &#x110000;', '&unknown; &#0; &#x110000;'],
  ])('decodeEntities(%j)', (text, decoded) => expect(decodeEntities(text)).toBe(decoded));
});

describe('shaping results', () => {
  const iam: PagefindResultData = {
    url: '/notes/iam/?pf=認証',
    excerpt: 'page <mark>認証</mark>',
    meta: { title: 'IAM' },
    filters: { category: ['ID・アクセス管理'] },
    sub_results: [
      {
        title: 'IAM',
        url: '/notes/iam/?pf=認証',
        excerpt: 'IAM',
        weighted_locations: [{ weight: 7, balanced_score: 49, location: 2 }],
      },
      {
        title: 'アクセスキー',
        url: '/notes/iam/?pf=認証#アクセスキー',
        excerpt: '長期的な<mark>認証</mark>情報',
        anchor: { element: 'h2', id: 'アクセスキー', location: 3 },
        weighted_locations: [{ weight: 1, balanced_score: 1, location: 8 }],
      },
      {
        title: '一時的なセキュリティ認証情報',
        url: '/notes/iam/?pf=認証#一時的',
        excerpt: '一時的なセキュリティ<mark>認証</mark>情報',
        anchor: { element: 'h3', id: '一時的', location: 40 },
        weighted_locations: [
          { weight: 5, balanced_score: 25, location: 41 },
          { weight: 1, balanced_score: 1, location: 45 },
        ],
      },
    ],
  };

  test('the title link goes to the best section; sections are listed best first; title hits at the top do not count', () => {
    const shaped = shapeResult(iam, '認証');
    expect(shaped.title).toBe('IAM');
    expect(shaped.category).toBe('ID・アクセス管理');
    expect(shaped.url).toBe('/notes/iam/?pf=認証#一時的');
    expect(shaped.section).toBe('一時的なセキュリティ認証情報');
    expect(shaped.sections.map((s) => s.title)).toEqual(['アクセスキー']);
    expect(shaped.excerpt).toEqual([
      { text: '一時的なセキュリティ', hit: false },
      { text: '認証', hit: true },
      { text: '情報', hit: false },
    ]);
  });

  test('a section whose excerpt holds the whole query beats a stronger partial match', () => {
    const data: PagefindResultData = {
      url: '/notes/alb-ecs-ports/',
      excerpt: '',
      meta: { title: 'ALB, ECS ポート設定' },
      sub_results: [
        {
          title: 'ホストとは',
          url: '/notes/alb-ecs-ports/#ホストとは',
          excerpt: '<mark>ホスト</mark>とは',
          anchor: { element: 'h3', id: 'ホストとは', location: 50 },
          weighted_locations: [{ weight: 5, balanced_score: 25, location: 50 }],
        },
        {
          title: 'ECSについて',
          url: '/notes/alb-ecs-ports/#ecsについて',
          excerpt: '<mark>ホスト</mark>\u200b<mark>ポート</mark>：',
          anchor: { element: 'h2', id: 'ecsについて', location: 30 },
          weighted_locations: [{ weight: 1, balanced_score: 1, location: 31 }],
        },
      ],
    };
    expect(shapeResult(data, 'ホストポート').url).toBe('/notes/alb-ecs-ports/#ecsについて');
    expect(shapeResult(data, '').url).toBe('/notes/alb-ecs-ports/#ホストとは');
  });

  test('without sub-results the page itself is the target; at most maxSections sections', () => {
    expect(shapeResult({ url: '/notes/vpc/', excerpt: 'x', meta: {} }).url).toBe('/notes/vpc/');
    expect(shapeResult({ url: '/notes/vpc/', excerpt: 'x', meta: {} }).title).toBe('/notes/vpc/');
    expect(shapeResult({ url: '/notes/vpc/', excerpt: 'x', meta: {} }).section).toBeUndefined();
    expect(
      shapeResult(
        { ...iam, sub_results: [...iam.sub_results!, { ...iam.sub_results![1], url: '/notes/iam/#b' }] },
        '',
        1,
      ).sections,
    ).toHaveLength(1);
  });

  test.each([
    ['/notes/iam/', '/notes/iam/'],
    ['//evil.example/', '/fallback/'],
    ['/\\evil.example/', '/fallback/'],
    ['javascript:alert(1)', '/fallback/'],
    ['https://evil.example/', '/fallback/'],
  ])('safePath(%j) → %j', (url, expected) => expect(safePath(url, '/fallback/')).toBe(expected));

  test('sectionScore: the part before the first heading counts body hits only', () => {
    expect(sectionScore(iam.sub_results![0])).toBe(0);
    expect(sectionScore(iam.sub_results![2])).toBe(26);
    expect(sectionScore({ title: '', url: '/', excerpt: '', locations: [1, 2] })).toBe(2);
  });
});

describe('messages', () => {
  test.each([
    [3, '認証', undefined, '「認証」の検索結果: 3件'],
    [1, 'ポート', 'コンテナ', '「ポート」の検索結果（コンテナ）: 1件'],
    [2, '', 'CI/CD', 'CI/CDのノート: 2件'],
  ] as const)('resultCountMessage(%j, %j, %j)', (count, query, category, message) => {
    expect(resultCountMessage(count, query, category)).toBe(message);
  });

  test.each([
    ['ぬるぽ', undefined, '「ぬるぽ」に一致するノートはありません。別のキーワードを試してください。'],
    ['   ', undefined, '一致するノートはありません。'],
    [
      'ホストポート',
      'CI/CD',
      '「CI/CD」には「ホストポート」に一致するノートはありません。別のキーワードを試してください。',
    ],
  ] as const)('noResultsMessage(%j, %j)', (query, category, message) => {
    expect(noResultsMessage(query, category)).toBe(message);
  });
});

describe('fragmentId: a URL fragment as an element id, never throwing', () => {
  test.each([
    ['#%E3%82%A2%E3%82%AF%E3%82%BB%E3%82%B9%E3%82%AD%E3%83%BC', 'アクセスキー'],
    ['#アクセスキー', 'アクセスキー'],
    ['#iamロール', 'iamロール'],
    ['#a%20b', 'a b'],
    ['#', undefined],
    ['', undefined],
    ['#%E0%A4%A', undefined],
    ['#%', undefined],
    ['#%ZZ', undefined],
    ['#%FF', undefined],
    ['#%C0%AF', undefined],
    ['#%ED%A0%80', undefined],
    ['#<img src=x>', '<img src=x>'],
  ])('%j → %j', (hash, id) => {
    expect(fragmentId(hash)).toBe(id);
  });
});
