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

export interface AnkiTerm {
  term: string;
  definition: string;
  /** Site path of the defining section, `/notes/iam/#sts`. */
  href: string;
  category: string;
}

/** A tag Anki keeps whole: no spaces (Anki splits tags at spaces). */
export const ankiTag = (text: string) => text.trim().replace(/\s+/gu, '_');

const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim();

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

/** The file for one category's cards (`category-3.tsv`), or every card (`all.tsv`). */
export const ankiDeckSlug = (categoryIndex?: number) =>
  categoryIndex === undefined ? 'all' : `category-${categoryIndex}`;
