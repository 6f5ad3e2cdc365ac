/**
 * 復習 progress as stored in localStorage and in exported files, read through a validator.
 * Whatever is stored (an older version's format, a hand edit, an extension, a half-written value,
 * a file from somewhere else) comes back as a valid `Progress`: valid cards are kept, invalid ones
 * dropped (the card starts again as new), and nothing throws.
 *
 * Hand-written rather than zod: `astro/zod` re-exports all of zod v4, 92.5 KB gzipped in the
 * page's bundle (zod/mini: 8.7 KB), against a review script of a few KB.
 *
 * Stored form (`aws-memo:review:v2`), dates as ISO strings:
 *
 * ```json
 * { "version": 2, "category": "", "newPerDay": 20,
 *   "cards": { "sts:term": { "due": "2025-04-03T00:00:00.000Z", "stability": 2.3, "difficulty": 2.1,
 *     "scheduled_days": 2, "learning_steps": 0, "reps": 2, "lapses": 0, "state": 2,
 *     "last_review": "2025-04-01T00:10:00.000Z", "introduced": "2025-04-01T00:00:00.000Z" } } }
 * ```
 *
 * The first version (`aws-memo:review:v1`, `{"marks":{"sts":"known"},"category":""}`) is
 * migrated once: 覚えた is answered 簡単 and まだ もう一度 on the term → definition card.
 */
import { Rating, State, type Card } from 'ts-fsrs';
import { answer, newCard } from './schedule.ts';

export const STORAGE_KEY = 'aws-memo:review:v2';
export const V1_STORAGE_KEY = 'aws-memo:review:v1';

/** Choices for the number of new cards a day; the first version had no limit. */
export const newPerDayChoices = [5, 10, 20, 50, 100] as const;
export const DEFAULT_NEW_PER_DAY = 20;

/** A card's FSRS state plus when it was first answered (for the daily limit of new cards). */
export interface CardState extends Card {
  introduced: Date;
}

export interface Progress {
  /** The chosen category; `''` is all. */
  category: string;
  newPerDay: number;
  /** Card id (`<term key>:term` or `<term key>:definition`) → state. No prototype. */
  cards: Record<string, CardState>;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const record = <T>() => Object.create(null) as Record<string, T>;

export const emptyProgress = (): Progress => ({ category: '', newPerDay: DEFAULT_NEW_PER_DAY, cards: record() });

// Bounds ts-fsrs itself holds to (S_MIN, S_MAX, difficulty 1–10), so a stored card it would
// reject never reaches it.
const S_MIN = 0.001;
const S_MAX = 36500;
/** Dates a browser can hold (±8.64e15 ms), further limited to years 1970–9999. */
const MAX_TIME = Date.UTC(9999, 11, 31);

function toDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  const time = date.getTime();
  return Number.isFinite(time) && time >= 0 && time <= MAX_TIME ? date : undefined;
}
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e6;
const inRange = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
const isState = (value: unknown): value is State =>
  value === State.New || value === State.Learning || value === State.Review || value === State.Relearning;

/** One stored card, or undefined when any part is not a state ts-fsrs could continue from. */
export function parseCard(value: unknown): CardState | undefined {
  if (!isRecord(value)) return undefined;
  const { state, reps, lapses, learning_steps, scheduled_days, stability, difficulty } = value;
  const due = toDate(value.due);
  const lastReview = value.last_review == null ? undefined : toDate(value.last_review);
  if (!due || !isState(state) || !isCount(reps) || !isCount(lapses) || !isCount(learning_steps)) return undefined;
  if (!inRange(scheduled_days, 0, S_MAX) || (value.last_review != null && !lastReview)) return undefined;
  if (state === State.New) {
    if (stability !== 0 && !inRange(stability, S_MIN, S_MAX)) return undefined;
    if (difficulty !== 0 && !inRange(difficulty, 1, 10)) return undefined;
  } else if (!inRange(stability, S_MIN, S_MAX) || !inRange(difficulty, 1, 10) || !lastReview) {
    return undefined;
  }
  const introduced = toDate(value.introduced) ?? lastReview ?? new Date(0);
  return {
    due,
    stability: stability as number,
    difficulty: difficulty as number,
    elapsed_days: 0, // deprecated in ts-fsrs and recomputed from last_review
    scheduled_days,
    learning_steps,
    reps,
    lapses,
    state,
    last_review: lastReview,
    introduced,
  };
}

/** Valid cards of a stored `cards` object; the rest dropped. */
export function parseCards(value: unknown): { cards: Record<string, CardState>; dropped: number } {
  const cards = record<CardState>();
  let dropped = 0;
  if (!isRecord(value)) return { cards, dropped };
  for (const [id, stored] of Object.entries(value)) {
    const card = id.length <= 500 ? parseCard(stored) : undefined;
    if (card) cards[id] = card;
    else dropped++;
  }
  return { cards, dropped };
}

const parseNewPerDay = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1000 ? value : DEFAULT_NEW_PER_DAY;

/** A parsed version-2 object (storage or the `progress` of an exported file). */
export function progressFrom(saved: Record<string, unknown>): Progress {
  return {
    category: typeof saved.category === 'string' ? saved.category : '',
    newPerDay: parseNewPerDay(saved.newPerDay),
    cards: parseCards(saved.cards).cards,
  };
}

const parseJson = (raw: string | null): unknown => {
  try {
    return JSON.parse(raw ?? 'null');
  } catch {
    return undefined;
  }
};

// ---------------------------------------------------------------------------------------------
// Version 1: 覚えた / まだ

const marks = ['known', 'again'] as const;
type Mark = (typeof marks)[number];
const isMark = (value: unknown): value is Mark => (marks as readonly unknown[]).includes(value);

export interface ProgressV1 {
  marks: Record<string, Mark>;
  category: string;
}

/** `{"marks":{"iam":"known","sts":"bogus"},"category":5}` → `{ marks: { iam: 'known' }, category: '' }`. */
export function parseProgressV1(raw: string | null): ProgressV1 {
  const progress: ProgressV1 = { marks: record(), category: '' };
  const saved = parseJson(raw);
  if (!isRecord(saved)) return progress;
  if (isRecord(saved.marks)) {
    for (const [key, value] of Object.entries(saved.marks)) if (isMark(value)) progress.marks[key] = value;
  }
  if (typeof saved.category === 'string') progress.category = saved.category;
  return progress;
}

/** The term → definition card of each marked term, answered at `now`: 覚えた as 簡単, まだ as もう一度. */
export function migrateV1(v1: ProgressV1, now: Date): Progress {
  const progress = emptyProgress();
  progress.category = v1.category;
  for (const [key, mark] of Object.entries(v1.marks)) {
    const card = answer(newCard(now), now, mark === 'known' ? Rating.Easy : Rating.Again);
    progress.cards[`${key}:term`] = { ...card, introduced: now };
  }
  return progress;
}

// ---------------------------------------------------------------------------------------------

/**
 * The progress to start from: version 2 when it is stored (whatever its state), else version 1
 * migrated, else nothing.
 */
export function loadProgress(v2: string | null, v1: string | null, now: Date): Progress {
  if (v2 !== null) {
    const saved = parseJson(v2);
    return isRecord(saved) ? progressFrom(saved) : emptyProgress();
  }
  if (v1 !== null) return migrateV1(parseProgressV1(v1), now);
  return emptyProgress();
}

/** The stored form: fields named as in ts-fsrs, dates as ISO strings, no deprecated fields. */
export function serialise(progress: Progress): { version: 2; category: string; newPerDay: number; cards: object } {
  const cards = record<object>();
  for (const [id, card] of Object.entries(progress.cards)) {
    cards[id] = {
      due: card.due.toISOString(),
      stability: card.stability,
      difficulty: card.difficulty,
      scheduled_days: card.scheduled_days,
      learning_steps: card.learning_steps,
      reps: card.reps,
      lapses: card.lapses,
      state: card.state,
      ...(card.last_review ? { last_review: card.last_review.toISOString() } : {}),
      introduced: card.introduced.toISOString(),
    };
  }
  return { version: 2, category: progress.category, newPerDay: progress.newPerDay, cards };
}
