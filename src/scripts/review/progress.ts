/**
 * 復習 progress as stored in localStorage and in exported files, read through a validator.
 * Whatever is stored (an older version's format, a hand edit, an extension, a half-written value,
 * a file from somewhere else) comes back as a valid `Progress`: valid cards are kept, invalid ones
 * dropped (the card starts again as new), and nothing throws.
 *
 * Hand-written rather than zod: `astro/zod` re-exports all of zod v4, 92.5 KB gzipped in the
 * page's bundle (zod/mini: 8.7 KB), against a review script of a few KB.
 *
 * Stored form (`aws-memo:review:v3`): each card one array of its FSRS fields in `cardFields`
 * order, dates as epoch milliseconds, about 90 characters a card where version 2's objects with
 * ISO dates took 230 (localStorage holds 5,242,880 characters per site in Chromium and Firefox):
 *
 * ```json
 * { "version": 3, "category": "", "newPerDay": 20,
 *   "cards": { "sts:term": [1743638400000, 2.3, 2.1, 2, 0, 2, 0, 2, 1743466200000, 1743465600000] } }
 * ```
 *
 * Version 2 (`aws-memo:review:v2`, the same with each card an object named as in ts-fsrs, dates as
 * ISO strings) is read when no version 3 is stored, and the first version
 * (`aws-memo:review:v1`, `{"marks":{"sts":"known"},"category":""}`) when neither is: 覚えた is
 * answered 簡単 and まだ もう一度 on the term → definition card. Both are removed once version 3
 * is saved.
 */
import { Rating, State, type Card } from 'ts-fsrs';
import { answer, newCard } from './schedule.ts';

export const STORAGE_KEY = 'aws-memo:review:v3';
export const V2_STORAGE_KEY = 'aws-memo:review:v2';
export const V1_STORAGE_KEY = 'aws-memo:review:v1';
/** Keys of older versions, read when `STORAGE_KEY` is absent and removed once it is saved. */
export const OLD_STORAGE_KEYS = [V2_STORAGE_KEY, V1_STORAGE_KEY] as const;

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
  /** Card id (`<term key>:term`, `<term key>:definition`, or a 穴埋め card's `cloze:<note>:<hash>`) → state. No prototype. */
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

/** The stored card's fields, in the order of version 3's arrays. */
export const cardFields = [
  'due',
  'stability',
  'difficulty',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'state',
  'last_review',
  'introduced',
] as const;

/** A version 3 array as the version 2 object it stands for; anything else as it is. */
const cardObject = (value: unknown): unknown =>
  Array.isArray(value) && value.length <= cardFields.length
    ? Object.fromEntries(cardFields.map((field, index) => [field, value[index]]))
    : value;

/**
 * One stored card (version 3's array or version 2's object), or undefined when any part is not a
 * state ts-fsrs could continue from.
 */
export function parseCard(stored: unknown): CardState | undefined {
  const value = cardObject(stored);
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
 * The progress to start from, given a reader of localStorage: version 3 when it is stored
 * (whatever its state), else version 2, else version 1 migrated, else nothing.
 */
export function loadProgress(read: (key: string) => string | null, now: Date): Progress {
  for (const key of [STORAGE_KEY, V2_STORAGE_KEY]) {
    const raw = read(key);
    if (raw === null) continue;
    const saved = parseJson(raw);
    return isRecord(saved) ? progressFrom(saved) : emptyProgress();
  }
  const v1 = read(V1_STORAGE_KEY);
  return v1 === null ? emptyProgress() : migrateV1(parseProgressV1(v1), now);
}

type StoredCard = [
  due: number,
  stability: number,
  difficulty: number,
  scheduled_days: number,
  learning_steps: number,
  reps: number,
  lapses: number,
  state: number,
  last_review: number | null,
  introduced: number,
];

/** The stored form (version 3): each card an array in `cardFields` order, dates as epoch ms. */
export function serialise(progress: Progress): {
  version: 3;
  category: string;
  newPerDay: number;
  cards: Record<string, StoredCard>;
} {
  const cards = record<StoredCard>();
  for (const [id, card] of Object.entries(progress.cards)) {
    cards[id] = [
      card.due.getTime(),
      card.stability,
      card.difficulty,
      card.scheduled_days,
      card.learning_steps,
      card.reps,
      card.lapses,
      card.state,
      card.last_review?.getTime() ?? null,
      card.introduced.getTime(),
    ];
  }
  return { version: 3, category: progress.category, newPerDay: progress.newPerDay, cards };
}
