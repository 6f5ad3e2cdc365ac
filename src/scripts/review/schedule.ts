/**
 * Scheduling of 復習 cards with FSRS (`ts-fsrs`): what each answer does to a card, and when it
 * comes back. The scheduler uses ts-fsrs's defaults (90 % retention, learning steps 1 min and
 * 10 min, relearning 10 min, no fuzz, at most 100 years): the same answers at the same times give
 * the same schedule, which is what the tests rely on.
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';

/** The four answers, in key order (1–4). */
export const answers = [
  { grade: Rating.Again, label: 'もう一度' },
  { grade: Rating.Hard, label: '難しい' },
  { grade: Rating.Good, label: '正解' },
  { grade: Rating.Easy, label: '簡単' },
] as const satisfies readonly { grade: Grade; label: string }[];
export type Answer = (typeof answers)[number]['grade'];

const scheduler = fsrs();

export const newCard = (now: Date): Card => createEmptyCard(now);

/**
 * The review time ts-fsrs is given. A card last reviewed "after" now (a clock put back, progress
 * imported from a device whose clock ran ahead) would make ts-fsrs throw on a negative interval:
 * such a review counts as made at the last review's time instead.
 */
const reviewTime = (card: Card, now: Date) =>
  card.last_review && card.last_review.getTime() > now.getTime() ? card.last_review : now;

/** The card after answering `grade` at `now`. */
export function answer(card: Card, now: Date, grade: Grade): Card {
  return scheduler.next(card, reviewTime(card, now), grade).card;
}

/** The card after each possible answer at `now`, to show when it would come back. */
export function preview(card: Card, now: Date): Record<Grade, Card> {
  const outcomes = scheduler.repeat(card, reviewTime(card, now));
  return {
    [Rating.Again]: outcomes[Rating.Again].card,
    [Rating.Hard]: outcomes[Rating.Hard].card,
    [Rating.Good]: outcomes[Rating.Good].card,
    [Rating.Easy]: outcomes[Rating.Easy].card,
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One decimal at most, no trailing `.0`: 1.5, 2. */
const short = (value: number) => String(Math.round(value * 10) / 10);

/**
 * How long until `due`, as the answer buttons show it: 「1分後」「10分後」「3時間後」「3日後」
 * 「2か月後」「1.5年後」. Anything due now or earlier is 「今」.
 */
export function formatInterval(now: Date, due: Date): string {
  const ms = due.getTime() - now.getTime();
  if (ms < MINUTE / 2) return '今';
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))}分後`;
  if (ms < DAY) return `${Math.round(ms / HOUR)}時間後`;
  const days = ms / DAY;
  if (days < 30.5) return `${Math.round(days)}日後`;
  if (days < 365) return `${Math.round(days / 30.4)}か月後`;
  return `${short(days / 365)}年後`;
}
