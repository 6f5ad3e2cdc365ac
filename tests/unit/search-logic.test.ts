import { describe, expect, test } from 'vitest';
import { decodeEntities, parseExcerpt } from '../../src/scripts/search/excerpt.ts';
import { fragmentId } from '../../src/scripts/search/fragment.ts';
import { noResultsMessage, resultCountMessage } from '../../src/scripts/search/messages.ts';
import {
  comparableText,
  displayQuery,
  foldLongVowels,
  FUNCTION_WORDS,
  highlightTerms,
  MAX_QUERY_LENGTH,
  normaliseQuery,
  pageMatch,
  queryWords,
  QUESTION_WORDS,
  searchAttempts,
  definitionTopic,
  segmentWords,
  toKatakana,
} from '../../src/scripts/search/query.ts';
import {
  safePath,
  sectionScore,
  shapeResult,
  withHighlight,
  type PagefindResultData,
} from '../../src/scripts/search/results.ts';

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

describe('query words', () => {
  test.each([
    ['Web Application Firewall', ['web', 'application', 'firewall']],
    ['<img src=x onerror=alert(1)>', ['img', 'src', 'x', 'onerror', 'alert', '1']],
    ['IAM、ロール', ['iam', 'ロール']],
    // The segmenter cuts katakana it does not know; a run of katakana is one word again.
    ['シークレットアクセスキーの構成', ['シークレットアクセスキー', 'の', '構成']],
    ['ウェブアプリケーションの脆弱性', ['ウェブアプリケーション', 'の', '脆弱', '性']],
    ['一時的な認証情報', ['一時', '的', 'な', '認証', '情報']],
  ])('segmentWords(%j)', (text, words) => expect(segmentWords(text)).toEqual(words));

  test.each([
    // Particles and endings go; what is left is what a page must hold.
    ['一時的な認証情報', ['一時', '的', '認証', '情報']],
    ['ビルド環境の構築', ['ビルド', '環境', '構築']],
    ['手動で承認する', ['手動', '承認']],
    ['シークレットアクセスキーの構成', ['シークレットアクセスキ', '構成']],
    // Question words go when something else is asked, and stay when nothing else is.
    ['オリジンサーバーの役割', ['オリジンサーバ']],
    ['インバウンドとアウトバウンドの違い', ['インバウンド', 'アウトバウンド']],
    ['違い', ['違']],
    // The long-vowel mark ending a long katakana word is folded; verbs lose their last kana.
    ['IAMユーザー', ['iam', 'ユーザ']],
    ['キー', ['キー']],
    ['ソースコードを受け取る', ['ソースコード', '受け取']],
    ['ユーザに近い場所', ['ユーザ', '近', '場所']],
    // Each word once; Latin lowercased.
    ['入力アーティファクトと出力アーティファクト', ['入力', 'アーティファクト', '出力']],
    ['ローカルでコンテナを起動するときのポート', ['ローカル', 'コンテナ', '起動', 'ポート']],
    ['AssumeRole', ['assumerole']],
    // Nothing to look for: one kana, particles only, gibberish cut to single kana.
    ['の', []],
    ['ぽ', []],
    ['ぽりしー', []],
    ['がっ', []],
  ])('queryWords(%j) → %j', (query, words) => expect(queryWords(query)).toEqual(words));

  test('every function word and question word is one segment, so the lists can name it', () => {
    const split = [...FUNCTION_WORDS, ...QUESTION_WORDS].filter(
      (word) => [...word].length > 1 && segmentWords(word).length > 1,
    );
    expect(split).toEqual([]);
  });

  test.each([
    ['サーバー', 'サーバ'],
    ['オリジンサーバーの役割', 'オリジンサーバの役割'],
    ['IAMユーザー、IAMグループ', 'IAMユーザ、IAMグループ'],
    ['パーミッションバウンダリー', 'パーミッションバウンダリ'],
    ['キー', 'キー'],
    ['ルーター', 'ルータ'],
    ['サーバーレス', 'サーバーレス'],
    ['ユーザ', 'ユーザ'],
  ])('foldLongVowels(%j) → %j', (text, folded) => expect(foldLongVowels(text)).toBe(folded));

  test('toKatakana', () => expect(toKatakana('ぽりしー と IAM')).toBe('ポリシー ト IAM'));
});

describe('searchAttempts: as typed, by its words, then in katakana', () => {
  const typed = (term: string, words: string[]) => ({ kind: 'typed', label: term, term, words, widens: false });
  const byWords = (words: string[]) => ({
    kind: 'words',
    label: words.join(' '),
    term: words.join(' '),
    words,
    widens: true,
  });
  test.each([
    ['ビルド環境の構築', [typed('ビルド環境の構築', ['ビルド', '環境', '構築']), byWords(['ビルド', '環境', '構築'])]],
    // By its words, the long vowel folded: オリジンサーバ finds either spelling.
    ['オリジンサーバーの役割', [typed('オリジンサーバーの役割', ['オリジンサーバ']), byWords(['オリジンサーバ'])]],
    ['ユーザー', [typed('ユーザー', ['ユーザ']), byWords(['ユーザ'])]],
    // One word as written: asking by its words is asking the same again.
    ['認証', [typed('認証', ['認証'])]],
    // Hiragana only: nothing to look for as typed, so only the katakana is asked.
    [
      'ぽりしー',
      [
        { kind: 'katakana', label: 'ポリシー', term: 'ポリシー', words: ['ポリシ'], widens: false },
        { kind: 'katakana', label: 'ポリシー', term: 'ポリシ', words: ['ポリシ'], widens: true },
      ],
    ],
    // A long-vowel mark in hiragana: the katakana is asked first, as typed only if it finds nothing.
    [
      'さいどかー',
      [
        { kind: 'katakana', label: 'サイドカー', term: 'サイドカー', words: ['サイドカ'], widens: false },
        { kind: 'katakana', label: 'サイドカー', term: 'サイドカ', words: ['サイドカ'], widens: true },
        typed('さいどかー', ['さい']),
        byWords(['さい']),
      ],
    ],
    // "What is …?" asks Pagefind its topic: と and は are in almost every note.
    ['VPCとは', [{ kind: 'typed', label: 'VPCとは', term: 'VPC', words: ['vpc'], widens: false }]],
    ['WAFって何?', [{ kind: 'typed', label: 'WAFって何?', term: 'WAF', words: ['waf'], widens: false }]],
    [
      'アーティファクトとは何か',
      [
        {
          kind: 'typed',
          label: 'アーティファクトとは何か',
          term: 'アーティファクト',
          words: ['アーティファクト'],
          widens: false,
        },
      ],
    ],
    [
      'ステージとはなにですか?',
      [{ kind: 'typed', label: 'ステージとはなにですか?', term: 'ステージ', words: ['ステージ'], widens: false }],
    ],
    ['の', []],
    // Gibberish is asked every way; no page holds ぬる or ヌルポガッ (see pageMatch).
    [
      'ぬるぽがっ',
      [
        typed('ぬるぽがっ', ['ぬる']),
        byWords(['ぬる']),
        { kind: 'katakana', label: 'ヌルポガッ', term: 'ヌルポガッ', words: ['ヌルポガッ'], widens: false },
      ],
    ],
  ])('%j', (query, attempts) => expect(searchAttempts(query)).toEqual(attempts));
});

describe('definitionTopic: the topic of a "what is …?" question', () => {
  test.each([
    ['VPCとは', 'VPC'],
    ['VPC とは', 'VPC'],
    ['IAMロールって何?', 'IAMロール'],
    ['セキュリティグループとはなにか', 'セキュリティグループ'],
    ['WAFって?', 'WAF'],
    ['WAFってなにですか', 'WAF'],
    // Not such a question: とは inside the query, nothing before it, or only grammar or symbols before it.
    ['VPCとはなにかの違い', undefined],
    // The て-form of a verb is no question: 使って, 作って.
    ['コンテナを使って', undefined],
    ['イメージを作って', undefined],
    ['ビルド環境の構築', undefined],
    ['とは', undefined],
    ['のとは', undefined],
    ['とはとは', undefined],
    ['!?とは何?', undefined],
    // Hostile topics stay as written: Pagefind is asked for them, and the page check keeps them out (e2e).
    ['<img src=x onerror=alert(1)>とは', '<img src=x onerror=alert(1)>'],
    ['"><script>とは', '"><script>'],
  ])('%j → %j', (query, topic) => expect(definitionTopic(query)).toBe(topic));
});

describe('pageMatch: does the page really hold the query?', () => {
  /** Words no note holds, as the index would say. */
  const unknown = new Set(['設計', 'ぬる', 'zzqx']);
  const inIndex = async (word: string) => !unknown.has(word);
  const iam =
    'IAM. ルートユーザー or IAM\u200bユーザー の\u200b長期\u200b的\u200bな\u200b認証\u200b情報。一時\u200b的\u200bな\u200bセキュリティ\u200b認証\u200b情報';

  test.each([
    // The words stand apart in the note: still a match.
    [iam, '一時的な認証情報', true],
    [iam, '長期的な認証情報', true],
    // Either spelling of the long vowel.
    [iam, 'IAMユーザ', true],
    [iam, 'ルートユーザー', true],
    ['IAM\u200bユーザ、IAM\u200bグループ', 'IAMユーザー', true],
    // A word the note lacks but other notes hold: not a match.
    [iam, '一時的なアクセスキー', false],
    // A Japanese word no note holds frames the question: ignored...
    ['オリジンサーバー\u200bから', 'オリジンサーバーの役割', true],
    ['オリジンサーバー\u200bから', 'オリジンサーバーの設計', true],
    // ...but never all of the query, and never a Latin word.
    ['が\u200bっ\u200bぽ', 'ぬるぽがっ', false],
    ['ECS のログ', 'ECS zzqx', false],
    ['x = 1 and img src alert', '<img src=x onerror=alert(1)>', false],
    ['永続\u200bの\u200b永続\u200b化', '永続化', true],
    ['AssumeRole', 'assumerole', true],
    ['ホスト\u200bポート', 'ホストポート', true],
    ['ホスト', 'ホストポート', false],
    ['ホスト と ポート', 'ホストポート', false],
    ['Web Application Firewall (WAF)', 'Web Application Firewall', true],
    ['ビルド\u200b環境\u200bを\u200b構築\u200bし', 'ビルド環境の構築', true],
    ['ソースコード\u200bを\u200b受け取り', 'ソースコードを受け取る', true],
  ])('%j holds %j: %s', async (content, query, expected) => {
    expect(await pageMatch(content, queryWords(query), inIndex)).toBe(expected);
  });

  test('no words (a category without a query): every page', async () => {
    expect(await pageMatch('anything', [], inIndex)).toBe(true);
  });

  test('the index is asked only about words the page lacks, and only Japanese ones', async () => {
    const asked: string[] = [];
    const ask = async (word: string) => (asked.push(word), !unknown.has(word));
    await pageMatch('オリジンサーバー', queryWords('オリジンサーバーの設計'), ask);
    await pageMatch('ECS', queryWords('ECS zzqx'), ask);
    await pageMatch(iam, queryWords('一時的な認証情報'), ask);
    expect(asked).toEqual(['設計']);
  });

  test('comparableText drops zero-width spaces, decodes entities, folds width and case', () => {
    expect(comparableText('永続\u200b化 &lt;ECS&gt; 停⽌ ＡＷＳ')).toBe('永続化 <ecs> 停止 aws');
  });

  test.each([
    [['認証'], '認証', ['認証']],
    [['ユーザ', 'iam'], 'IAMユーザー、IAMユーザ', ['ユーザー', 'ユーザ', 'iam']],
    [['ユーザ'], 'IAMユーザ', ['ユーザ']],
    [['ホストポート'], 'ホストポート', ['ホストポート']],
    [['キー'], 'キー', ['キー']],
  ])('highlightTerms(%j, %j) → %j', (words, content, terms) => expect(highlightTerms(words, content)).toEqual(terms));
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
    const shaped = shapeResult(iam, ['認証']);
    expect(shaped.title).toBe('IAM');
    expect(shaped.category).toBe('ID・アクセス管理');
    expect(shaped.url).toBe(`/notes/iam/?pf=${encodeURIComponent('認証')}#一時的`);
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
    expect(shapeResult(data, ['ホストポート']).url).toBe(
      `/notes/alb-ecs-ports/?pf=${encodeURIComponent('ホストポート')}#ecsについて`,
    );
    expect(shapeResult(data, []).url).toBe('/notes/alb-ecs-ports/#ホストとは');
  });

  test('links mark the words the page holds, in both spellings, and not the particles Pagefind was asked', () => {
    const data: PagefindResultData = {
      url: '/notes/iam/?pf=iam&pf=ユーザ&pf=の&pf=役割',
      excerpt: '',
      content: 'IAMユーザーの集合',
      meta: { title: 'IAM' },
      sub_results: [
        {
          title: 'IAMグループ',
          url: '/notes/iam/?pf=iam&pf=ユーザ&pf=の&pf=役割#iamグループ',
          excerpt: '<mark>IAM</mark><mark>ユーザー</mark>の集合',
          anchor: { element: 'h2', id: 'iamグループ', location: 3 },
        },
      ],
    };
    const url = new URL(shapeResult(data, queryWords('IAMユーザーの役割')).url, 'https://example.com');
    expect(url.searchParams.getAll('pf')).toEqual(['iam', 'ユーザー', 'ユーザ']);
    expect(decodeURIComponent(url.hash)).toBe('#iamグループ');
  });

  test.each([
    ['/notes/iam/', ['a'], '/notes/iam/?pf=a'],
    ['/notes/iam/?pf=x&pf=y#h', ['a', 'b'], '/notes/iam/?pf=a&pf=b#h'],
    ['/notes/iam/?other=1#h?x', ['a'], '/notes/iam/?other=1&pf=a#h?x'],
    ['/notes/iam/?pf=x', [], '/notes/iam/?pf=x'],
  ])('withHighlight(%j, %j) → %j', (url, terms, expected) => {
    expect(withHighlight(url, terms)).toBe(expected);
  });

  test('without sub-results the page itself is the target; at most maxSections sections', () => {
    expect(shapeResult({ url: '/notes/vpc/', excerpt: 'x', meta: {} }).url).toBe('/notes/vpc/');
    expect(shapeResult({ url: '/notes/vpc/', excerpt: 'x', meta: {} }).title).toBe('/notes/vpc/');
    expect(shapeResult({ url: '/notes/vpc/', excerpt: 'x', meta: {} }).section).toBeUndefined();
    expect(
      shapeResult(
        { ...iam, sub_results: [...iam.sub_results!, { ...iam.sub_results![1], url: '/notes/iam/#b' }] },
        [],
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

  test('the count says when the results come from a looser query', () => {
    const [typed, byWords] = searchAttempts('ビルド環境の構築');
    expect(resultCountMessage(1, 'ビルド環境の構築', undefined, typed)).toBe('「ビルド環境の構築」の検索結果: 1件');
    expect(resultCountMessage(1, 'ビルド環境の構築', undefined, byWords)).toBe(
      '「ビルド環境の構築」の検索結果: 1件（そのままでは見つからず、語ごとに探しました）',
    );
    const [katakana] = searchAttempts('ぽりしー');
    expect(resultCountMessage(1, 'ぽりしー', undefined, katakana)).toBe(
      '「ぽりしー」の検索結果: 1件（カタカナで探しました: ポリシー）',
    );
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
