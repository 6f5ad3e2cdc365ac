/** Listing a search's results a page at a time. Pure (Pagefind is passed in), unit-tested. */
import { pageMatch, type SearchAttempt, type SearchKind } from './query.ts';
import type { PagefindResultData } from './results.ts';

/**
 * Results listed at first, and added by each press of 「さらに表示」. Each costs a fetch of that
 * note's text (about 2 KB), so a first search stays small however many notes match.
 */
export const PAGE_SIZE = 5;
/**
 * At most this many notes' text is fetched for one page.
 * Pagefind ignores query words that match nothing and prefix-matches the rest, so `ECS zzqx`
 * matches every ECS note and each is dropped (none contains zzqx): without a bound, a page would
 * fetch them all looking for five.
 */
export const MAX_FETCHES_PER_PAGE = 2 * PAGE_SIZE;

/** One search: its results not fetched yet (best first) and how many results it has. */
export interface Listing<R> {
  /** The query as the reader typed it (normalised). */
  readonly term: string;
  readonly category: string | undefined;
  /** How Pagefind was asked, and the words a page must hold (see `searchAttempts`). */
  readonly kind: SearchKind;
  readonly label: string;
  readonly words: readonly string[];
  pending: R[];
  /** Results found, less those dropped so far; it includes results not checked yet. */
  count: number;
}

/** What listing needs from Pagefind. */
export interface Source<R> {
  /** Pagefind's results for `term`, best first (within the chosen category; `null`: all of it). */
  search(term: string | null): Promise<readonly R[]>;
  /** A result's data, with the page's text. */
  fetchData(result: R): Promise<PagefindResultData>;
  /** Whether any note holds `word` (Pagefind finds something for it alone). */
  inIndex(word: string): Promise<boolean>;
  /** Names a result, so a note found two ways is listed once. */
  key(result: R): string;
}

export function startListing<R>(
  term: string,
  category: string | undefined,
  results: readonly R[],
  attempt: Pick<SearchAttempt, 'kind' | 'label' | 'words'> = { kind: 'typed', label: term, words: [] },
): Listing<R> {
  const { kind, label, words } = attempt;
  return { term, category, kind, label, words, pending: [...results], count: results.length };
}

/**
 * The first page for `term`, asked each way of `attempts` (see `searchAttempts`): an attempt
 * that widens adds the notes it finds after those found so far; one that does not is asked only
 * when nothing was found. The listing is named after the first attempt that found something.
 * At most `MAX_FETCHES_PER_PAGE` notes' text is fetched, however many ways were asked.
 */
export async function firstPage<R>(
  term: string,
  category: string | undefined,
  attempts: readonly SearchAttempt[],
  source: Source<R>,
): Promise<{ listing: Listing<R> | undefined; shown: PagefindResultData[] }> {
  let listing: Listing<R> | undefined;
  const seen = new Set<string>();
  for (const attempt of attempts) {
    if (listing && !attempt.widens) break;
    const found = (await source.search(attempt.term)).filter((result) => !seen.has(source.key(result)));
    if (found.length === 0) continue;
    for (const result of found) seen.add(source.key(result));
    if (listing) {
      listing.pending.push(...found);
      listing.count += found.length;
    } else listing = startListing(term, category, found, attempt);
  }
  return { listing, shown: listing ? await nextPage(listing, source) : [] };
}

/**
 * The next results of `listing` that really match (`pageMatch`; Pagefind also matches parts of
 * words: those are dropped and no longer counted): up to `PAGE_SIZE`, fetching at most
 * `maxFetches`. If a fetch fails, its batch goes back to the front of `pending` (nothing is lost:
 * the next press tries again), and the error is thrown unless some results were already found,
 * which are returned.
 */
export async function nextPage<R>(
  listing: Listing<R>,
  source: Pick<Source<R>, 'fetchData' | 'inIndex'>,
  maxFetches = MAX_FETCHES_PER_PAGE,
): Promise<PagefindResultData[]> {
  const shown: PagefindResultData[] = [];
  let fetched = 0;
  while (shown.length < PAGE_SIZE && fetched < maxFetches && listing.pending.length > 0) {
    const batch = listing.pending.splice(0, Math.min(PAGE_SIZE - shown.length, maxFetches - fetched));
    let data: PagefindResultData[];
    let matched: boolean[];
    try {
      data = await Promise.all(batch.map((result) => source.fetchData(result)));
      matched = await Promise.all(data.map((d) => pageMatch(d.content ?? '', listing.words, source.inIndex)));
    } catch (error) {
      listing.pending.unshift(...batch);
      if (shown.length > 0) break;
      throw error;
    }
    fetched += batch.length;
    const real = data.filter((_, i) => matched[i]);
    listing.count -= data.length - real.length;
    shown.push(...real);
  }
  return shown;
}
