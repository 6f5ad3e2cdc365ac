import { describe, expect, test } from 'vitest';
import {
  firstPage,
  MAX_FETCHES_PER_PAGE,
  nextPage,
  PAGE_SIZE,
  startListing,
  type Source,
} from '../../src/scripts/search/paging.ts';
import { queryWords, searchAttempts, type SearchAttempt } from '../../src/scripts/search/query.ts';
import type { PagefindResultData } from '../../src/scripts/search/results.ts';

/** A search result as Pagefind gives it: the page's text is fetched on demand. */
interface FakeResult {
  url: string;
  content: string;
}

/** `count` results whose text contains `word` where `has(i)` is true. */
const results = (count: number, word: string, has: (i: number) => boolean = () => true): FakeResult[] =>
  Array.from({ length: count }, (_, i) => ({
    url: `/notes/n${i}/`,
    content: has(i) ? `ノート${i}: ${word}の説明` : `ノート${i}: 別の話`,
  }));

/** Fetches a result's data, recording which were fetched; every word is in some note. */
function fetcher(fail: (result: FakeResult) => boolean = () => false) {
  const fetched: string[] = [];
  const fetchData = async (result: FakeResult): Promise<PagefindResultData> => {
    if (fail(result)) throw new Error(`network error fetching ${result.url}`);
    fetched.push(result.url);
    return { url: result.url, excerpt: '', content: result.content, meta: {} };
  };
  const source: Pick<Source<FakeResult>, 'fetchData' | 'inIndex'> = { fetchData, inIndex: async () => true };
  return { fetched, source };
}

/** A listing for `term` over `found`, matched on the term's words as the dialog does. */
const listingFor = (term: string, found: FakeResult[]) =>
  startListing(term, undefined, found, { kind: 'typed', label: term, words: queryWords(term) });

const urls = (data: PagefindResultData[]) => data.map((d) => d.url);
/** The URLs of results `from`…`to` (inclusive), as `results()` names them. */
const notes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `/notes/n${from + i}/`);

describe('nextPage: a search listed five results at a time', () => {
  test('12 results: pages of 5, 5 and 2, each fetching only its own results, in rank order', async () => {
    const listing = listingFor('サブネット', results(12, 'サブネット'));
    const { fetched, source } = fetcher();
    expect(urls(await nextPage(listing, source))).toEqual(notes(0, 4));
    expect(fetched).toHaveLength(5);
    expect(listing.pending).toHaveLength(7);
    expect(urls(await nextPage(listing, source))).toEqual(notes(5, 9));
    expect(urls(await nextPage(listing, source))).toEqual(['/notes/n10/', '/notes/n11/']);
    expect(listing.pending).toEqual([]);
    expect(await nextPage(listing, source)).toEqual([]);
    expect(fetched).toHaveLength(12);
    expect(listing.count).toBe(12);
  });

  test('results that do not contain the word are dropped and no longer counted; the page is filled from later ones', async () => {
    // Pagefind matched 10 pages; only the even ones really contain the word.
    const listing = listingFor(
      'ポート設定',
      results(10, 'ポート設定', (i) => i % 2 === 0),
    );
    const { source } = fetcher();
    expect(urls(await nextPage(listing, source))).toEqual([
      '/notes/n0/',
      '/notes/n2/',
      '/notes/n4/',
      '/notes/n6/',
      '/notes/n8/',
    ]);
    // Four dropped on the way (n1, n3, n5, n7); n9 is not checked yet and still counts.
    expect(listing.count).toBe(6);
    expect(listing.pending.map((r) => r.url)).toEqual(['/notes/n9/']);
  });

  test('a query no page really matches (ECS zzqx: Pagefind ignores zzqx) fetches at most 10 texts per page, not all 700', async () => {
    const listing = listingFor('ECS zzqx', results(700, 'ECS'));
    const { fetched, source } = fetcher();
    expect(await nextPage(listing, source)).toEqual([]);
    expect(fetched).toHaveLength(MAX_FETCHES_PER_PAGE);
    expect(MAX_FETCHES_PER_PAGE).toBe(2 * PAGE_SIZE);
    expect(listing.pending).toHaveLength(690);
    expect(listing.count).toBe(690);
  });

  test('a failed fetch loses nothing: the batch goes back to the front, and the next press lists it', async () => {
    const listing = listingFor('サブネット', results(8, 'サブネット'));
    let offline = true;
    const { source } = fetcher((result) => offline && result.url === '/notes/n2/');
    await expect(nextPage(listing, source)).rejects.toThrow('network error fetching /notes/n2/');
    expect(listing.pending).toHaveLength(8);
    offline = false;
    expect(urls(await nextPage(listing, source))).toEqual(notes(0, 4));
  });

  test('a fetch failing after some results were found returns those, and keeps the failed batch for next time', async () => {
    // The first batch of 5 has 2 real results; the batch that should fill the page fails.
    const listing = listingFor(
      'サブネット',
      results(9, 'サブネット', (i) => i < 2 || i > 4),
    );
    let offline = true;
    const { source } = fetcher((result) => offline && result.url === '/notes/n5/');
    expect(urls(await nextPage(listing, source))).toEqual(['/notes/n0/', '/notes/n1/']);
    expect(listing.pending.map((r) => r.url)).toEqual(['/notes/n5/', '/notes/n6/', '/notes/n7/', '/notes/n8/']);
    offline = false;
    expect(urls(await nextPage(listing, source))).toEqual(['/notes/n5/', '/notes/n6/', '/notes/n7/', '/notes/n8/']);
    expect(listing.count).toBe(6);
  });
});

describe('firstPage: the query as typed, then by its words', () => {
  /** A fake Pagefind: the notes whose text holds every piece of the term, split at spaces. */
  function pagefind(notes: FakeResult[], unknown: string[] = []) {
    const asked: string[] = [];
    const { fetched, source } = fetcher();
    const full: Source<FakeResult> = {
      ...source,
      search: async (term) => {
        asked.push(term ?? '');
        return notes.filter((note) => (term ?? '').split(' ').every((piece) => note.content.includes(piece)));
      },
      inIndex: async (word) => !unknown.includes(word),
      key: (result) => result.url,
    };
    return { asked, fetched, source: full };
  }
  const codebuild = { url: '/notes/codebuild/', content: 'ビルド環境を構築しテストを行う' };
  const others = Array.from({ length: 20 }, (_, i) => ({ url: `/notes/n${i}/`, content: `ノート${i}の環境` }));

  test('nothing as typed: asked again by its words, and the listing says so', async () => {
    const { asked, source } = pagefind([codebuild, ...others]);
    const { listing, shown } = await firstPage(
      'ビルド環境の構築',
      undefined,
      searchAttempts('ビルド環境の構築'),
      source,
    );
    expect(asked).toEqual(['ビルド環境の構築', 'ビルド 環境 構築']);
    expect(urls(shown)).toEqual(['/notes/codebuild/']);
    expect(listing?.kind).toBe('words');
  });

  test('found as typed: those first, then the other notes its words find, each once', async () => {
    const apart = { url: '/notes/apart/', content: 'ビルドに使う環境' };
    const { asked, source } = pagefind([apart, codebuild, ...others]);
    const { listing, shown } = await firstPage('ビルド環境', undefined, searchAttempts('ビルド環境'), source);
    expect(asked).toEqual(['ビルド環境', 'ビルド 環境']);
    expect(urls(shown)).toEqual(['/notes/codebuild/', '/notes/apart/']);
    expect(listing?.kind).toBe('typed');
    expect(listing?.count).toBe(2);
  });

  test('hiragana that finds nothing is asked in katakana; hiragana that finds something is not', async () => {
    const iam = { url: '/notes/iam/', content: 'ポリシーの種類' };
    const hiragana = { url: '/notes/h/', content: 'まとめ' };
    const { asked, source } = pagefind([iam, hiragana]);
    const { listing, shown } = await firstPage('ぽりしー', undefined, searchAttempts('ぽりしー'), source);
    expect(urls(shown)).toEqual(['/notes/iam/']);
    expect(listing?.kind).toBe('katakana');
    expect(asked).toEqual(['ポリシー', 'ポリシ']);
    asked.length = 0;
    await firstPage('まとめ', undefined, searchAttempts('まとめ'), source);
    expect(asked).toEqual(['まとめ']);
  });

  test('none really matches: at most ten notes fetched over every way asked, and nothing listed', async () => {
    // Every note matches as typed and by words (Pagefind ignores zzqx), none holds zzqx.
    const { fetched, source } = pagefind(others);
    const attempts: SearchAttempt[] = [
      { kind: 'typed', label: '環境 zzqx', term: '環境', words: ['環境', 'zzqx'], widens: false },
      { kind: 'words', label: '環境 zzqx', term: 'の環境', words: ['環境', 'zzqx'], widens: true },
    ];
    const { shown } = await firstPage('環境 zzqx', undefined, attempts, source);
    expect(shown).toEqual([]);
    expect(fetched).toHaveLength(MAX_FETCHES_PER_PAGE);
  });

  test('a query with nothing to look for is not asked', async () => {
    const { asked, source } = pagefind(others);
    expect((await firstPage('の', undefined, searchAttempts('の'), source)).shown).toEqual([]);
    expect(asked).toEqual([]);
  });
});
