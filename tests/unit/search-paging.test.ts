import { describe, expect, test } from 'vitest';
import { MAX_FETCHES_PER_PAGE, nextPage, PAGE_SIZE, startListing } from '../../src/scripts/search/paging.ts';
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

/** Fetches a result's data, recording which were fetched. */
function fetcher(fail: (result: FakeResult) => boolean = () => false) {
  const fetched: string[] = [];
  const fetchData = async (result: FakeResult): Promise<PagefindResultData> => {
    if (fail(result)) throw new Error(`network error fetching ${result.url}`);
    fetched.push(result.url);
    return { url: result.url, excerpt: '', content: result.content, meta: {} };
  };
  return { fetched, fetchData };
}

const urls = (data: PagefindResultData[]) => data.map((d) => d.url);
/** The URLs of results `from`…`to` (inclusive), as `results()` names them. */
const notes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `/notes/n${from + i}/`);

describe('nextPage: a search listed five results at a time', () => {
  test('12 results: pages of 5, 5 and 2, each fetching only its own results, in rank order', async () => {
    const listing = startListing('サブネット', undefined, results(12, 'サブネット'));
    const { fetched, fetchData } = fetcher();
    expect(urls(await nextPage(listing, fetchData))).toEqual(notes(0, 4));
    expect(fetched).toHaveLength(5);
    expect(listing.pending).toHaveLength(7);
    expect(urls(await nextPage(listing, fetchData))).toEqual(notes(5, 9));
    expect(urls(await nextPage(listing, fetchData))).toEqual(['/notes/n10/', '/notes/n11/']);
    expect(listing.pending).toEqual([]);
    expect(await nextPage(listing, fetchData)).toEqual([]);
    expect(fetched).toHaveLength(12);
    expect(listing.count).toBe(12);
  });

  test('results that do not contain the word are dropped and no longer counted; the page is filled from later ones', async () => {
    // Pagefind matched 10 pages; only the even ones really contain the word.
    const listing = startListing(
      'ポート設定',
      undefined,
      results(10, 'ポート設定', (i) => i % 2 === 0),
    );
    const { fetchData } = fetcher();
    expect(urls(await nextPage(listing, fetchData))).toEqual([
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
    const listing = startListing('ECS zzqx', undefined, results(700, 'ECS'));
    const { fetched, fetchData } = fetcher();
    expect(await nextPage(listing, fetchData)).toEqual([]);
    expect(fetched).toHaveLength(MAX_FETCHES_PER_PAGE);
    expect(MAX_FETCHES_PER_PAGE).toBe(2 * PAGE_SIZE);
    expect(listing.pending).toHaveLength(690);
    expect(listing.count).toBe(690);
  });

  test('a failed fetch loses nothing: the batch goes back to the front, and the next press lists it', async () => {
    const listing = startListing('サブネット', undefined, results(8, 'サブネット'));
    let offline = true;
    const { fetchData } = fetcher((result) => offline && result.url === '/notes/n2/');
    await expect(nextPage(listing, fetchData)).rejects.toThrow('network error fetching /notes/n2/');
    expect(listing.pending).toHaveLength(8);
    offline = false;
    expect(urls(await nextPage(listing, fetchData))).toEqual(notes(0, 4));
  });

  test('a fetch failing after some results were found returns those, and keeps the failed batch for next time', async () => {
    // The first batch of 5 has 2 real results; the batch that should fill the page fails.
    const listing = startListing(
      'サブネット',
      undefined,
      results(9, 'サブネット', (i) => i < 2 || i > 4),
    );
    let offline = true;
    const { fetchData } = fetcher((result) => offline && result.url === '/notes/n5/');
    expect(urls(await nextPage(listing, fetchData))).toEqual(['/notes/n0/', '/notes/n1/']);
    expect(listing.pending.map((r) => r.url)).toEqual(['/notes/n5/', '/notes/n6/', '/notes/n7/', '/notes/n8/']);
    offline = false;
    expect(urls(await nextPage(listing, fetchData))).toEqual(['/notes/n5/', '/notes/n6/', '/notes/n7/', '/notes/n8/']);
    expect(listing.count).toBe(6);
  });
});
