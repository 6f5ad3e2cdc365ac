/**
 * What the reader typed → what Pagefind is asked, and whether a page really matches. Pure,
 * unit-tested.
 *
 * Japanese is written without spaces, so a query is split into words the way the browser (and
 * Pagefind, at search time) segments Japanese: `Intl.Segmenter('ja', { granularity: 'word' })`.
 * 一時的な認証情報 → 一時 / 的 / な / 認証 / 情報; the page matches when it holds the content
 * words 一時, 的, 認証, 情報, wherever they stand (一時的なセキュリティ認証情報).
 */

/** Longer input is cut: no note needs more, and each extra word costs a lookup. */
export const MAX_QUERY_LENGTH = 100;

/**
 * Grammar: particles, endings and the verbs that only carry them. A query needs them to read as
 * Japanese (ビルド環境の構築); a page need not hold them (ビルド環境を構築し). One kana on its
 * own (ぽ, っ, ド) is never a word to look for either, whether listed here or not.
 */
export const FUNCTION_WORDS = [
  ...['の', 'を', 'な', 'は', 'が', 'に', 'と', 'で', 'へ', 'や', 'も', 'か', 'て', 'た', 'だ'],
  ...['から', 'まで', 'より', 'など', 'って', 'という', 'といった', 'ごと', 'だけ', 'ほど'],
  ...[
    'について',
    'として',
    'による',
    'により',
    'によって',
    'における',
    'ため',
    'こと',
    'もの',
    'よう',
    'とき',
    'ときの',
  ],
  ...['する', 'した', 'れる', 'られる', 'せる', 'させる'],
  ...['てい', 'いる', 'ある', 'あり', 'ない', 'なく', 'なる', 'です', 'ます', 'でき', 'できる'],
  // すべて is an adverb no note is about; ありません is segmented ありま / せん.
  ...['すべて', 'ありま', 'せん'],
] as const;
type FunctionWord = (typeof FUNCTION_WORDS)[number];
const functionWords: ReadonlySet<string> = new Set(FUNCTION_WORDS);
const isFunctionWord = (word: string): word is FunctionWord => functionWords.has(word);

/**
 * Words that frame a question (…の違い, …の役割, …の方法) rather than name its topic. A page need
 * not hold them when the query names something else: オリジンサーバーの役割 is the CloudFront
 * note, which never says 役割. A query of nothing else (違い) looks for them.
 */
export const QUESTION_WORDS = [
  ...['違い', '役割', '方法', '仕組み', '意味', '目的', '特徴', '理由', '概要', '種類', '一覧', 'まとめ'],
  ...['使い方', '書き方', 'やり方', '仕方', '何', 'なぜ', 'どう', 'どの', 'どれ', 'いつ'],
] as const;
type QuestionWord = (typeof QUESTION_WORDS)[number];
const questionWords: ReadonlySet<string> = new Set(QUESTION_WORDS);
const isQuestionWord = (word: string): word is QuestionWord => questionWords.has(word);

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

/** Katakana letters and the long-vowel mark. */
const KATAKANA = '\u30a1-\u30fa\u30fc';
const katakanaWord = new RegExp(`^[${KATAKANA}]+$`, 'u');
const oneKana = /^[\p{sc=Hiragana}\p{sc=Katakana}\u30fc]$/u;
const japanese = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
/** The long-vowel mark ending a katakana word of three letters or more: サーバー, ユーザー, not キー. */
const finalLongVowel = new RegExp(`(?<=[${KATAKANA}]{3})\\u30fc(?![${KATAKANA}])`, 'gu');

/**
 * サーバー → サーバ, ユーザー → ユーザ: the long-vowel mark that ends a katakana word of three
 * letters or more, which writers keep or drop (the IAM note writes both IAMユーザ and
 * IAMユーザー; JIS Z 8301 drops it). Looking for the short form finds both, since サーバ is part
 * of サーバー and Pagefind matches inside words. キー, ルー (two letters) keep theirs.
 */
export function foldLongVowels(text: string): string {
  return text.replace(finalLongVowel, '');
}

/** ぽりしー → ポリシー. */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/gu, (kana) => String.fromCodePoint(kana.codePointAt(0)! + 0x60));
}

let segmenter: Intl.Segmenter | undefined;

/**
 * The words of `text`, lowercased, as the browser segments Japanese; the segmenter cuts unknown
 * katakana words into pieces (シーク / レット, ガ / ベ / ージ), so a run of katakana is one word
 * again, as the reader wrote it.
 */
export function segmentWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  const words: string[] = [];
  let afterKatakana = false;
  for (const { segment, isWordLike } of segmenter.segment(text.toLowerCase())) {
    const katakana = katakanaWord.test(segment);
    if (!isWordLike) afterKatakana = false;
    else if (katakana && afterKatakana) words[words.length - 1] += segment;
    else {
      words.push(segment);
      afterKatakana = katakana;
    }
  }
  return words;
}

/**
 * 受け取る → 受け取, 近い → 近: a verb or adjective is looked for without its last kana, so the
 * reader's 受け取る finds the note's 受け取り.
 */
function stem(word: string): string {
  return /\p{sc=Han}\p{sc=Hiragana}$/u.test(word) ? word.slice(0, -1) : word;
}

/**
 * The words a page must hold for `query` (normalised): its words less grammar (the particles,
 * single kana) and, when something else is asked, the question words; long vowels folded,
 * verbs stemmed, each once. `[]` when nothing is left (の, ぽ, ぬるぽ's pieces).
 */
export function queryWords(query: string): string[] {
  const words = segmentWords(foldLongVowels(query)).filter((word) => !isFunctionWord(word) && !oneKana.test(word));
  const topic = words.filter((word) => !isQuestionWord(word));
  return [...new Set((topic.length > 0 ? topic : words).map(stem))];
}

/** Whether a page may lack `word` when no note holds it (Pagefind ignores it): only Japanese words (役割), never a name or a number (zzqx, onerror, 404). */
const isJapaneseWord = (word: string): boolean => japanese.test(word);

/** 「VPCとは」「WAFって何？」「アーティファクトとは何か」: what is …? asked of a topic. */
// って alone ends a verb's て-form too (コンテナを使って): it asks only before 何 or a question mark.
const definitionQuestion =
  /^(.+?)\s*(?:とは\s*(?:なに|何)?(?:ですか|か)?|って\s*(?:なに|何)(?:ですか|か)?|って(?=\s*[?？]))\s*[?？]?$/u;

/**
 * The topic of a "what is …?" question, which is what Pagefind is asked as typed: the particles
 * of とは are in almost every note, so 「VPCとは」 as typed ranks a note that has VPC, と and は
 * (IAM) above the VPC note. `undefined` for any other query, or when no word would be left.
 */
export function definitionTopic(query: string): string | undefined {
  const topic = definitionQuestion.exec(query)?.[1]?.trim();
  return topic && queryWords(topic).length > 0 ? topic : undefined;
}

/** How a query is put to Pagefind: as typed, by its words, in katakana. */
export type SearchKind = 'typed' | 'words' | 'katakana';

export interface SearchAttempt {
  kind: SearchKind;
  /** What Pagefind is asked. */
  term: string;
  /** The query as asked, for the reader: the katakana of ぽりしー is ポリシー. */
  label: string;
  /** What a page must hold (see `pageMatch`). */
  words: string[];
  /** Asked even when an earlier attempt found something: its other results are listed after. */
  widens: boolean;
}

/**
 * The ways to ask Pagefind for `query` (normalised), in order (see `firstPage`).
 *
 * 1. As typed: Pagefind ranks best on the reader's own words. A "what is …?" question
 *    (「VPCとは」「WAFって何？」) is asked as its topic (`definitionTopic`).
 * 2. By its words, long vowels folded: Pagefind requires every word it knows, particles too, so
 *    「ビルド環境の構築」 finds nothing as typed (the CodeBuild note says ビルド環境を構築し);
 *    「ビルド 環境 構築」 finds it.
 *    サーバ finds サーバー too (Pagefind matches inside words). Its other notes come after those
 *    found as typed.
 * 3. Only when nothing was found: hiragana a reader did not convert (ぽりしー), in katakana;
 *    first, when it has a long-vowel mark no hiragana word has (さいどかー).
 *
 * A query with no word left to look for (の, ぽ) is not asked at all.
 */
export function searchAttempts(query: string): SearchAttempt[] {
  const attempts: SearchAttempt[] = [];
  const add = (kind: SearchKind, label: string, term: string, words: string[], widens: boolean) => {
    // Pagefind lowercases: VPC and vpc are one question.
    if (term && words.length > 0 && !attempts.some((a) => a.term.toLowerCase() === term.toLowerCase()))
      attempts.push({ kind, label, term, words, widens });
  };
  const words = queryWords(query);
  const parts = query.split(' ');
  const hiragana = (part: string) => /^[\p{sc=Hiragana}\u30fc]{2,}$/u.test(part);
  const katakana = parts.map((part) => (hiragana(part) ? toKatakana(part) : part)).join(' ');
  const katakanaWords = queryWords(katakana);
  const askKatakana = () => {
    add('katakana', katakana, katakana, katakanaWords, false);
    add('katakana', katakana, katakanaWords.join(' '), katakanaWords, true);
  };
  // Hiragana with a long-vowel mark (さいどかー) is a katakana word the IME did not convert:
  // its pieces (さい) would find the wrong notes as typed.
  if (parts.some((part) => hiragana(part) && part.includes('ー'))) askKatakana();
  add('typed', query, definitionTopic(query) ?? query, words, false);
  add('words', words.join(' '), words.join(' '), words, true);
  if (katakana !== query) askKatakana();
  return attempts;
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

/** The words of `words` that `content` (page or excerpt text) does not hold. */
export function missingWords(content: string, words: readonly string[]): string[] {
  const text = comparableText(content);
  return words.filter((word) => !text.includes(word));
}

/**
 * Whether a page really matches: it holds every word of `words`, except Japanese words no note
 * holds at all (`inIndex` says, asked only for those the page lacks), and it holds at least one.
 * Pagefind drops query words it cannot find and matches the rest inside words, which lets
 * gibberish (ぬるぽがっ, <img src=x onerror=…>) match pages through one-kana fragments; this
 * keeps those out while オリジンサーバーの役割 still finds the note on オリジンサーバー.
 * No words (a category listed without a query): every page.
 */
export async function pageMatch(
  content: string,
  words: readonly string[],
  inIndex: (word: string) => Promise<boolean>,
): Promise<boolean> {
  const missing = missingWords(content, words);
  if (missing.length === 0) return true;
  if (missing.length === words.length) return false;
  for (const word of missing) if (!isJapaneseWord(word) || (await inIndex(word))) return false;
  return true;
}

/**
 * What the note marks when opened from a result (Pagefind's `?pf=`): the words, not the particles
 * between them; a folded word the page also writes long in both spellings, so ユーザ marks
 * ユーザー whole and ユーザ too.
 */
export function highlightTerms(words: readonly string[], content: string): string[] {
  const text = comparableText(content);
  return words.flatMap((word) => {
    const long = `${word}ー`;
    return foldLongVowels(long) === word && text.includes(long) ? [long, word] : [word];
  });
}
