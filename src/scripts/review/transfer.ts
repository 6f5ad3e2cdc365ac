/**
 * Moving 復習 progress between browsers: a JSON file written by 記録を書き出す and read by
 * 記録を読み込む. Reading goes through the same validator as storage (`progress.ts`) and merges:
 * for each card, the side reviewed last wins, so importing an old file never undoes newer
 * reviews. Only cards the site has are taken (a file from an older build, or a made-up one,
 * cannot fill storage with cards nobody will see); the rest are counted and said. Version 2 files
 * and the first version's `{"marks":…}` are accepted too (migrated as when stored).
 *
 * ```json
 * {"format":"aws-memo-review","version":3,"exported":"2025-04-01T09:00:00.000Z",
 *  "progress":{"version":3,"category":"","newPerDay":20,"cards":{…}}}
 * ```
 */
import {
  isRecord,
  migrateV1,
  parseCards,
  parseProgressV1,
  progressFrom,
  serialise,
  type Progress,
} from './progress.ts';

const EXPORT_FORMAT = 'aws-memo-review';
/** Far above any real deck (a card is ~100 bytes); reading a bigger file would only hang the page. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export function exportProgress(progress: Progress, now: Date): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: 3, exported: now.toISOString(), progress: serialise(progress) })}\n`;
}

/** `aws-memo-review-2025-04-01.json`, in local time. */
export function exportFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `aws-memo-review-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

export type ImportResult =
  | { ok: true; progress: Progress; summary: string; taken: number; kept: number; unknown: number; dropped: number }
  | { ok: false; message: string };

export interface ImportOptions {
  /** Whether the site has a card of this id; cards it has not are left out. Default: every id. */
  known?: (id: string) => boolean;
  /** When version 1 marks are answered. */
  now?: Date;
}

const reviewedAt = (card: { last_review?: Date } | undefined) => card?.last_review?.getTime() ?? -1;

/** Merges the file's progress into `current` (a new object; `current` is left as it was). */
export function importProgress(text: string, current: Progress, options: ImportOptions = {}): ImportResult {
  const { known = () => true, now = new Date() } = options;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'JSON として読めません。' };
  }
  let incoming: Progress;
  let dropped = 0;
  if (isRecord(data) && data.format === EXPORT_FORMAT && isRecord(data.progress)) {
    incoming = progressFrom(data.progress);
    dropped = parseCards(data.progress.cards).dropped;
  } else if (isRecord(data) && isRecord(data.cards)) {
    // The stored form itself (copied out of localStorage by hand).
    incoming = progressFrom(data);
    dropped = parseCards(data.cards).dropped;
  } else if (isRecord(data) && isRecord(data.marks)) {
    incoming = migrateV1(parseProgressV1(text), now);
  } else {
    return { ok: false, message: 'このサイトの復習の記録ではありません。' };
  }

  const cards = Object.assign(Object.create(null) as Progress['cards'], current.cards);
  let taken = 0;
  let kept = 0;
  let unknown = 0;
  for (const [id, card] of Object.entries(incoming.cards)) {
    if (!known(id)) unknown++;
    else if (reviewedAt(card) > reviewedAt(cards[id])) {
      cards[id] = card;
      taken++;
    } else kept++;
  }
  const notHere = `${unknown}枚はこのサイトにないカード（消えたノートや用語）`;
  if (taken + kept === 0) {
    const reasons = [unknown && notHere, dropped && `${dropped}枚は形式が違います`].filter(Boolean);
    return {
      ok: false,
      message: reasons.length
        ? `読み込めるカードがありません（${reasons.join('、')}）。`
        : 'カードの記録がありません。',
    };
  }
  const parts = [`${taken}枚の記録を読み込みました。`];
  if (kept) parts.push(`${kept}枚はこのブラウザの記録の方が新しいので、そのままにしました。`);
  if (unknown) parts.push(`${notHere}なので読み飛ばしました。`);
  if (dropped) parts.push(`${dropped}枚は形式が違うため読み飛ばしました。`);
  return {
    ok: true,
    progress: { category: incoming.category, newPerDay: incoming.newPerDay, cards },
    summary: parts.join(''),
    taken,
    kept,
    unknown,
    dropped,
  };
}
