/**
 * Which card comes next in a 復習 session. Pure: the deck, the progress and the time in, the
 * session out.
 *
 * 1. Cards due now (studied before, `due` ≤ now), the longest overdue first.
 * 2. New cards, in deck order, up to the day's limit (counted over every category: the limit is
 *    the reader's daily load). A new card waits for tomorrow when a sibling (the other side of its
 *    term, or another blank of its 穴埋め sentence) was studied today or is already among today's
 *    new cards, so one card never gives another away.
 * 3. Cards due within the next 20 minutes (a もう一度 comes back after a minute): Anki's "learn
 *    ahead", so a session does not stop on a card that is due a moment later.
 */
import type { CardState, Progress } from './progress.ts';

const sides = ['term', 'definition'] as const;
/** `term`: the term is shown and its definition asked; `definition`: the other way round. */
export type Side = (typeof sides)[number];

/** A 穴埋め card: a sentence of a note with one phrase blanked (`src/utils/cloze-deck.ts`). */
export interface Cloze {
  id: string;
  /** Shared by the cards of one sentence. */
  key: string;
  category: string;
  before: string;
  answer: string;
  after: string;
  href: string;
  source: string;
}

export interface DeckCard {
  /** `<term key>:<side>`, or a 穴埋め card's `cloze:<note>:<hash>` */
  id: string;
  /** Cards with the same key are siblings: never both new on the same day. */
  key: string;
  side: Side | 'cloze';
  /** For a 穴埋め card: the sentence around the blank. */
  cloze?: Pick<Cloze, 'before' | 'answer' | 'after'>;
  category: string;
  term: string;
  definition: string;
  /** The defining section: `/notes/<id>/#<anchor>`. */
  href: string;
  /** The defining note's title. */
  source: string;
}

export type Term = Omit<DeckCard, 'id' | 'side'>;

export const cardId = (key: string, side: Side) => `${key}:${side}`;

/**
 * Every term's term → definition card in glossary order, then every definition → term card, then
 * the 穴埋め cards in reading order.
 */
export const deckOf = (terms: readonly Term[], clozes: readonly Cloze[] = []): DeckCard[] => [
  ...sides.flatMap((side) => terms.map((term) => ({ ...term, side, id: cardId(term.key, side) }))),
  ...clozes.map(({ before, answer, after, ...card }) => ({
    ...card,
    side: 'cloze' as const,
    term: answer,
    definition: before + answer + after,
    cloze: { before, answer, after },
  })),
];

const LEARN_AHEAD_MS = 20 * 60_000;

/** Local midnight that starts `now`'s day, and the next one. */
function dayBounds(now: Date): { start: Date; end: Date } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { start, end };
}

export interface Session {
  /** The cards to show, in order; the first is shown now. */
  queue: DeckCard[];
  /** Studied cards of the deck due before the end of today (including ones due later today). */
  dueToday: number;
  /** New cards left for today in this deck. */
  newToday: number;
  /** New cards introduced today, over all categories. */
  introducedToday: number;
  /** When the next studied card of the deck is due, after the queue is done. */
  nextDue?: Date;
}

export function buildSession(deck: readonly DeckCard[], progress: Progress, now: Date): Session {
  const { start, end } = dayBounds(now);
  const t = now.getTime();
  const stateOf = (card: DeckCard): CardState | undefined => progress.cards[card.id];
  const studied = deck.filter((card) => stateOf(card));
  const byDue = (a: DeckCard, b: DeckCard) => stateOf(a)!.due.getTime() - stateOf(b)!.due.getTime();

  const dueNow = studied.filter((card) => stateOf(card)!.due.getTime() <= t).sort(byDue);
  const soon = studied
    .filter((card) => {
      const due = stateOf(card)!.due.getTime();
      return due > t && due <= t + LEARN_AHEAD_MS;
    })
    .sort(byDue);

  const introducedToday = Object.values(progress.cards).filter((card) => card.introduced >= start).length;
  const allowed = Math.max(0, progress.newPerDay - introducedToday);
  const fresh: DeckCard[] = [];
  const picked = new Set<string>();
  const siblings = new Map<string, DeckCard[]>();
  for (const card of deck) siblings.set(card.key, [...(siblings.get(card.key) ?? []), card]);
  const studiedToday = (card: DeckCard) =>
    siblings.get(card.key)!.some((other) => {
      const last = progress.cards[other.id]?.last_review;
      return other.id !== card.id && last !== undefined && last >= start;
    });
  for (const card of deck) {
    if (fresh.length >= allowed) break;
    if (stateOf(card)) continue;
    if (picked.has(card.key) || studiedToday(card)) continue;
    picked.add(card.key);
    fresh.push(card);
  }

  const later = studied.map((card) => stateOf(card)!.due.getTime()).filter((due) => due > t + LEARN_AHEAD_MS);
  return {
    queue: [...dueNow, ...fresh, ...soon],
    dueToday: studied.filter((card) => stateOf(card)!.due < end).length,
    newToday: fresh.length,
    introducedToday,
    nextDue: later.length ? new Date(Math.min(...later)) : undefined,
  };
}

/** The due times of the deck's studied cards, for the count on the 復習 link of every page. */
export const dueTimes = (deck: readonly DeckCard[], progress: Progress): number[] =>
  deck.flatMap((card) => {
    const state = progress.cards[card.id];
    return state ? [state.due.getTime()] : [];
  });
