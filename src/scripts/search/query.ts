/** Query normalisation: what the reader typed → what Pagefind is asked. Pure, unit-tested. */

/** Longer input is cut: no note needs more, and each extra word costs a lookup. */
export const MAX_QUERY_LENGTH = 100;

/**
 * NFKC folds full-width Latin and digits (ＩＡＭ → IAM) and half-width katakana (ｱｸｾｽ → アクセス)
 * to the forms the index holds; whitespace (including the ideographic space) collapses to one
 * space. Input with no letter or digit at all (only spaces or symbols) yields `''`: nothing to
 * search for. Case is left alone: Pagefind lowercases, so `assumerole` finds `AssumeRole`.
 */
export function normaliseQuery(raw: string): string {
  const folded = raw.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(folded)) return '';
  return [...folded].slice(0, MAX_QUERY_LENGTH).join('').trim();
}

/** The query as shown back in messages: trimmed, one line, at most `max` characters. */
export function displayQuery(raw: string, max = 30): string {
  const text = [...raw.replace(/\s+/gu, ' ').trim()];
  return text.length > max ? `${text.slice(0, max).join('')}…` : text.join('');
}

/** The words of a normalised query, lowercased: split at spaces, punctuation and symbols. */
export function queryParts(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter(Boolean);
}

/** Page text as Pagefind stores it (entity-escaped, zero-width spaces between Japanese words), made comparable. */
export function comparableText(content: string): string {
  return content
    .replace(
      /&(amp|lt|gt|quot|#39|apos);/g,
      (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[name] ?? '',
    )
    .replace(/\u200b/g, '')
    .normalize('NFKC')
    .toLowerCase();
}

/**
 * Whether a page really contains every word of the query. Pagefind drops query words that match
 * nothing in the index and prefix-matches the rest, which is right for "fargat" but lets
 * gibberish (ぬるぽがっ, <img src=x onerror=…>) match pages through one-letter fragments; a page
 * only counts as a result when each word of the query occurs in its text.
 */
export function containsAllParts(content: string, query: string): boolean {
  const text = comparableText(content);
  return queryParts(query).every((part) => text.includes(part));
}
