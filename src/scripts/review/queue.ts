/**
 * Which card comes next in a 復習 session. Pure: the deck, the progress and the time in, the
 * session out.
 *
 * 1. Cards due now (studied before, `due` ≤ now), the longest overdue first.
 * 2. New cards, in deck order, up to the day's limit (counted over every category: the limit is
 *    the reader's daily load). A new card waits for tomorrow when its other side (term ↔
 *    definition) was studied today or is already among today's new cards, so one side never
 *    gives the other away.
 * 3. Cards due within the next 20 minutes (a もう一度 comes back after a minute): Anki's "learn
 *    ahead", so a session does not stop on a card that is due a moment later.
 */
import type { CardState, Progress } from './progress.ts';

const sides = ['term', 'definition'] as const;
/** `term`: the term is shown and its definition asked; `definition`: the other way round. */
export type Side = (typeof sides)[number];

export interface DeckCard {
  /** `<term key>:<side>` */
  id: string;
  key: string;
  side: Side;
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

/** Every term's term → definition card in glossary order, then every definition → term card. */
export const deckOf = (terms: readonly Term[]): DeckCard[] =>
  sides.flatMap((side) => terms.map((term) => ({ ...term, side, id: cardId(term.key, side) })));

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
  for (const card of deck) {
    if (fresh.length >= allowed) break;
    if (stateOf(card)) continue;
    const other = progress.cards[cardId(card.key, card.side === 'term' ? 'definition' : 'term')];
    if (picked.has(card.key) || (other?.last_review && other.last_review >= start)) continue;
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
