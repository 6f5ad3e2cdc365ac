import type { GlossaryTerm } from './types.ts';

/** Japanese collation of glossary terms, and the index (A–Z, あかさたな…) the 用語集 page groups them under. */

const collator = new Intl.Collator('ja', { usage: 'sort', sensitivity: 'base', numeric: true });

/** The key a term sorts by: its reading when given, else its own spelling. */
const sortKey = (term: Pick<GlossaryTerm, 'term' | 'reading'>) => term.reading ?? term.term;

/** Japanese collation (ICU `ja`): Latin first, then kana in gojūon order (hiragana = katakana, ー counts as the vowel). */
export function compareTerms(
  a: Pick<GlossaryTerm, 'term' | 'reading'>,
  b: Pick<GlossaryTerm, 'term' | 'reading'>,
): number {
  return (
    collator.compare(sortKey(a), sortKey(b)) ||
    collator.compare(a.term, b.term) ||
    (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)
  );
}

export function sortTerms<T extends Pick<GlossaryTerm, 'term' | 'reading'>>(terms: readonly T[]): T[] {
  return [...terms].sort(compareTerms);
}

const kanaRows: [label: string, last: string][] = [
  ['あ', 'お'],
  ['か', 'ご'],
  ['さ', 'ぞ'],
  ['た', 'ど'],
  ['な', 'の'],
  ['は', 'ぽ'],
  ['ま', 'も'],
  ['や', 'よ'],
  ['ら', 'ろ'],
  ['わ', 'ん'],
];

/**
 * The index heading a term is listed under: an upper-case letter for Latin terms (`A`…`Z`),
 * the gojūon row for kana (`あ`, `か`, … `わ`), `その他` otherwise (a kanji term without a reading).
 */
export function indexLabel(term: Pick<GlossaryTerm, 'term' | 'reading'>): string {
  const first = sortKey(term).normalize('NFKC').charAt(0);
  if (/[A-Za-z]/.test(first)) return first.toUpperCase();
  if (/[0-9]/.test(first)) return '0–9';
  // Katakana → hiragana (same block offset), small kana → their row via the code point order.
  const code = first.charCodeAt(0);
  let hira = code >= 0x30a1 && code <= 0x30f6 ? String.fromCharCode(code - 0x60) : first;
  if (hira === 'ゔ') hira = 'う';
  if (hira >= 'ぁ' && hira <= 'ん') {
    for (const [label, last] of kanaRows) if (hira <= last) return label;
  }
  return 'その他';
}

/** Terms grouped under their index labels, in collation order. */
export function groupByIndex<T extends Pick<GlossaryTerm, 'term' | 'reading'>>(
  terms: readonly T[],
): { label: string; terms: T[] }[] {
  const groups: { label: string; terms: T[] }[] = [];
  for (const term of sortTerms(terms)) {
    const label = indexLabel(term);
    const group = groups.find((g) => g.label === label);
    if (group) group.terms.push(term);
    else groups.push({ label, terms: [term] });
  }
  return groups;
}
