/**
 * The 復習 deck as a file Anki imports (File → Import): one row per card, tab-separated, every
 * field quoted (a term or definition may hold a quote, a tab or start with `#`), with Anki's file
 * headers so it needs no choices at import (https://docs.ankiweb.net/importing/text-files.html):
 *
 * ```tsv
 * #separator:tab
 * #html:false
 * #columns:表	裏	出典	タグ
 * #tags column:4
 * "STS"	"一時的な…を発行するサービス。"	"https://…/notes/iam/#aws-security-token-service-(sts)"	"AWSメモ AWSメモ::ID・アクセス管理 用語→定義"
 * ```
 *
 * `html:false`: fields are plain text, so a term like `<script>` shows as written in Anki.
 */
import { stringify } from 'csv-stringify/sync';
import { SITE_TITLE } from '../consts.ts';
import { noteCategories } from '../schemas/note.ts';
import { clozeSource, type ClozeNote } from './cloze-deck.ts';
import { oneLine } from './one-line.ts';

export interface AnkiTerm {
  term: string;
  definition: string;
  /** Site path of the defining section, `/notes/iam/#sts`. */
  href: string;
  category: string;
}

/** A tag Anki keeps whole: no spaces (Anki splits tags at spaces). */
export const ankiTag = (text: string) => text.trim().replace(/\s+/gu, '_');

/** Each term's term → definition card, then each definition → term card, as Anki rows. */
export function ankiRows(terms: readonly AnkiTerm[], site: URL | string): string[][] {
  const row = (term: AnkiTerm, side: 'term' | 'definition') => {
    const [front, back] = side === 'term' ? [term.term, term.definition] : [term.definition, term.term];
    const tags = [SITE_TITLE, `${SITE_TITLE}::${term.category}`, side === 'term' ? '用語→定義' : '定義→用語'];
    return [oneLine(front), oneLine(back), new URL(term.href, site).href, tags.map(ankiTag).join(' ')];
  };
  return [...terms.map((term) => row(term, 'term')), ...terms.map((term) => row(term, 'definition'))];
}

export function ankiTsv(terms: readonly AnkiTerm[], site: URL | string): string {
  const headers = ['#separator:tab', '#html:false', '#columns:表\t裏\t出典\tタグ', '#tags column:4'];
  const body = stringify(ankiRows(terms, site), { delimiter: '\t', quoted: true, record_delimiter: 'unix' });
  return `${headers.join('\n')}\n${body}`;
}

/** The file for one category's cards (`category-3.tsv`), or every card (`all.tsv`); `-cloze` for 穴埋め. */
const ankiDeckSlug = (categoryIndex: number | undefined, kind: AnkiDeckKind) =>
  (categoryIndex === undefined ? 'all' : `category-${categoryIndex}`) + (kind === 'cloze' ? '-cloze' : '');

type AnkiDeckKind = 'terms' | 'cloze';

/** One file to import into Anki: every card of a kind, or one category's. */
export interface AnkiDeck<T> {
  /** Its name, `/review/anki/<slug>.tsv`: `all`, `category-3`, `all-cloze`, `category-3-cloze`. */
  slug: string;
  /** Undefined for the file of every card. */
  category?: string;
  items: T[];
}

/**
 * The Anki files of one kind: every item in one (always, even with none), then one for each of
 * `noteCategories` that has any, in their order and named by their place in it (ASCII names).
 */
export function ankiDecks<T extends { category: string }>(items: readonly T[], kind: AnkiDeckKind): AnkiDeck<T>[] {
  return [
    { slug: ankiDeckSlug(undefined, kind), items: [...items] },
    ...noteCategories.flatMap((category, index) => {
      const inCategory = items.filter((item) => item.category === category);
      return inCategory.length > 0 ? [{ slug: ankiDeckSlug(index, kind), category, items: inCategory }] : [];
    }),
  ];
}

/**
 * Breaks what Anki would read as cloze syntax in a note's own text (`{{`, `}}`, and `::`, which
 * inside a cloze starts a hint) with a zero-width space, so a phrase is never cut short or
 * turned into another cloze.
 */
const clozeText = (text: string) => text.replace(/\s+/gu, ' ').replace(/([{}:])(?=\1)/gu, '$1\u200b');

/**
 * The 穴埋め cards as Anki cloze notes, one per sentence, each phrase a `{{cN::…}}` (Anki makes
 * one card per N): Text, Back Extra (the section's absolute URL), tags, and a GUID from the
 * sentence's id, so importing a newer file updates the notes instead of adding copies.
 *
 * ```tsv
 * #notetype:Cloze
 * "アクセスキー：{{c1::アクセスキーを使うことで、…ができる}}。"	"https://…/notes/iam/#アクセスキー"	"AWSメモ …"	"aws-memo:iam:Xk3…"
 * ```
 */
export function ankiClozeRows(notes: readonly ClozeNote[], site: URL | string): string[][] {
  return notes.flatMap((note) =>
    note.sentences.map((sentence) => {
      let text = clozeText(sentence.lead);
      let at = 0;
      sentence.blanks.forEach((blank, index) => {
        text += clozeText(sentence.text.slice(at, blank.start));
        text += `{{c${index + 1}::${clozeText(sentence.text.slice(blank.start, blank.end))}}}`;
        at = blank.end;
      });
      text += clozeText(sentence.text.slice(at));
      const tags = [SITE_TITLE, `${SITE_TITLE}::${note.category}`, '穴埋め'];
      const url = new URL(clozeSource(note, sentence).href, site).href;
      return [text.trim(), url, tags.map(ankiTag).join(' '), `aws-memo:${note.id}:${sentence.id}`];
    }),
  );
}

export function ankiClozeTsv(notes: readonly ClozeNote[], site: URL | string): string {
  const headers = [
    '#separator:tab',
    '#html:false',
    '#notetype:Cloze',
    '#columns:Text\tBack Extra\tTags\tGUID',
    '#tags column:3',
    '#guid column:4',
  ];
  const body = stringify(ankiClozeRows(notes, site), { delimiter: '\t', quoted: true, record_delimiter: 'unix' });
  return `${headers.join('\n')}\n${body}`;
}
