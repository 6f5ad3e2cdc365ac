/** Listing a search's results a page at a time. Pure (the fetch is passed in), unit-tested. */
import { containsAllParts } from './query.ts';
import type { PagefindResultData } from './results.ts';

/**
 * Results listed at first, and added by each press of 「さらに表示」. Each costs a fetch of that
 * note's text (about 2 KB), so a first search stays small however many notes match.
 */
export const PAGE_SIZE = 5;
/**
 * At most this many notes' text is fetched for one page. Pagefind ignores query words that match
 * nothing and prefix-matches the rest, so `ECS zzqx` matches every ECS note and each is dropped
 * (none contains zzqx): without a bound, a page would fetch them all looking for five.
 */
export const MAX_FETCHES_PER_PAGE = 2 * PAGE_SIZE;

/** One search: its results not fetched yet (best first) and how many results it has. */
export interface Listing<R> {
  readonly term: string;
  readonly category: string | undefined;
  pending: R[];
  /** Results found, less those dropped so far; it includes results not checked yet. */
  count: number;
}

export function startListing<R>(term: string, category: string | undefined, results: readonly R[]): Listing<R> {
  return { term, category, pending: [...results], count: results.length };
}

/**
 * The next results of `listing` that really contain every word of its term (Pagefind also
 * matches parts of words: those are dropped and no longer counted): up to `PAGE_SIZE`, fetching
 * at most `MAX_FETCHES_PER_PAGE`. If a fetch fails, its batch goes back to the front of `pending`
 * (nothing is lost: the next press tries again), and the error is thrown unless some results
 * were already found, which are returned.
 */
export async function nextPage<R>(
  listing: Listing<R>,
  fetchData: (result: R) => Promise<PagefindResultData>,
): Promise<PagefindResultData[]> {
  const shown: PagefindResultData[] = [];
  let fetched = 0;
  while (shown.length < PAGE_SIZE && fetched < MAX_FETCHES_PER_PAGE && listing.pending.length > 0) {
    const batch = listing.pending.splice(0, Math.min(PAGE_SIZE - shown.length, MAX_FETCHES_PER_PAGE - fetched));
    let data: PagefindResultData[];
    try {
      data = await Promise.all(batch.map(fetchData));
    } catch (error) {
      listing.pending.unshift(...batch);
      if (shown.length > 0) break;
      throw error;
    }
    fetched += batch.length;
    const real = data.filter((d) => containsAllParts(d.content ?? '', listing.term));
    listing.count -= data.length - real.length;
    shown.push(...real);
  }
  return shown;
}
