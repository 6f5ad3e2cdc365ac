/** Everything the search UI says, in one place. */
import { displayQuery, type SearchAttempt } from './query.ts';

export const messages = {
  buttonLabel: '検索',
  dialogTitle: 'ノートを検索',
  inputLabel: '検索キーワード',
  placeholder: 'キーワードを入力（例: 認証、ホストポート）',
  categoryLabel: 'カテゴリで絞り込む',
  allCategories: 'すべてのカテゴリ',
  close: '閉じる',
  resultsLabel: '検索結果',
  help: '↑↓ で選択、Enter で開く、Esc で閉じる',
  idle: 'キーワードを入力すると、ノートの本文から探します。',
  loading: '検索インデックスを読み込んでいます…',
  noIndex:
    '検索インデックスがありません。先に npm run build を実行してください（npm run dev では直前のビルドのインデックスを使います）。',
  failed: '検索できませんでした。ページを再読み込みしてください。',
} as const;

/**
 * The count, and how the results were found when it was not the query as typed: by its words
 * (「ビルド環境の構築」 finds nothing as typed) or in katakana (ぽりしー → ポリシー).
 */
export function resultCountMessage(
  count: number,
  query: string,
  category?: string,
  found?: Pick<SearchAttempt, 'kind' | 'label'>,
): string {
  const scope = category ? `（${category}）` : '';
  const q = displayQuery(query);
  if (!q) return `${category ?? ''}のノート: ${count}件`;
  const how =
    found?.kind === 'words'
      ? '（そのままでは見つからず、語ごとに探しました）'
      : found?.kind === 'katakana'
        ? `（カタカナで探しました: ${displayQuery(found.label)}）`
        : '';
  return `「${q}」の検索結果${scope}: ${count}件${how}`;
}

/** The button under the results that lists the next ones; `left` results are not listed yet. */
export function moreLabel(left: number): string {
  return `さらに表示（残り${left}件）`;
}

export function noResultsMessage(query: string, category?: string): string {
  const q = displayQuery(query);
  const scope = category ? `「${category}」には` : '';
  return q
    ? `${scope}「${q}」に一致するノートはありません。別のキーワードを試してください。`
    : `${scope}一致するノートはありません。`;
}
