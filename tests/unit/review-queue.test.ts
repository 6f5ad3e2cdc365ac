/** Which 復習 card comes next: due cards first, then new ones up to the day's limit, on a fixed clock. */
import { Rating } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import { emptyProgress, type Progress } from '../../src/scripts/review/progress.ts';
import { buildSession, cardId, deckOf, dueTimes, type Term } from '../../src/scripts/review/queue.ts';
import { answer, newCard } from '../../src/scripts/review/schedule.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Local time, as the reader's day is.
const morning = new Date(2025, 3, 1, 9, 0);
const at = (ms: number) => new Date(morning.getTime() + ms);

const term = (key: string, category = 'A'): Term => ({
  key,
  category,
  term: key.toUpperCase(),
  definition: `${key} の定義。`,
  href: `/notes/${key}/#${key}`,
  source: key,
});
const terms = ['a', 'b', 'c', 'd', 'e'].map((key) => term(key));
const deck = deckOf(terms);

/** Progress where `id` was answered `grade` at `when` (first seen then). */
function answered(progress: Progress, id: string, when: Date, grade: Rating.Again | Rating.Good | Rating.Easy) {
  const before = progress.cards[id];
  progress.cards[id] = { ...answer(before ?? newCard(when), when, grade), introduced: before?.introduced ?? when };
  return progress;
}

describe('deckOf', () => {
  test('every term as term → definition, in glossary order, then every definition → term', () => {
    expect(deck.map((c) => c.id)).toEqual([
      ...['a', 'b', 'c', 'd', 'e'].map((k) => `${k}:term`),
      ...['a', 'b', 'c', 'd', 'e'].map((k) => `${k}:definition`),
    ]);
  });
});

describe('buildSession', () => {
  test('a first visit: new cards in deck order, one side of a term a day, up to the limit', () => {
    const progress = { ...emptyProgress(), newPerDay: 3 };
    const session = buildSession(deck, progress, morning);
    expect(session.queue.map((c) => c.id)).toEqual(['a:term', 'b:term', 'c:term']);
    expect(session).toMatchObject({ dueToday: 0, newToday: 3, introducedToday: 0, nextDue: undefined });
  });

  test('a generous limit still keeps both sides of a term apart on the same day', () => {
    const progress = { ...emptyProgress(), newPerDay: 100 };
    expect(buildSession(deck, progress, morning).queue.map((c) => c.id)).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((k) => `${k}:term`),
    );
    answered(progress, 'a:term', morning, Rating.Easy);
    const tomorrow = buildSession(deck, progress, at(DAY));
    expect(tomorrow.queue.map((c) => c.id)).toContain('a:definition');
  });

  test('new cards answered today count against the limit, in every category; tomorrow the limit is whole again', () => {
    const other = deckOf([term('x', 'B'), term('y', 'B')]);
    const progress = { ...emptyProgress(), newPerDay: 3 };
    answered(progress, 'x:term', morning, Rating.Easy);
    answered(progress, 'y:term', morning, Rating.Easy);
    const session = buildSession(deck, progress, at(MINUTE));
    expect(session.introducedToday).toBe(2);
    expect(session.queue.map((c) => c.id)).toEqual(['a:term']);
    expect(buildSession(deck, progress, at(DAY)).newToday).toBe(3);
    expect(buildSession(other, progress, at(MINUTE)).newToday).toBe(0); // x:definition, y:definition wait a day
  });

  test('cards due now come before new cards, the longest overdue first', () => {
    const progress = { ...emptyProgress(), newPerDay: 2 };
    answered(progress, 'b:term', morning, Rating.Easy);
    answered(progress, 'a:term', at(MINUTE), Rating.Easy);
    const dueB = progress.cards['b:term']!.due;
    const later = at(60 * DAY);
    expect(dueB.getTime()).toBeLessThan(later.getTime());
    const session = buildSession(deck, progress, later);
    expect(session.queue.map((c) => c.id)).toEqual(['b:term', 'a:term', 'c:term', 'd:term']);
    expect(session.dueToday).toBe(2);
  });

  test('a card answered もう一度 comes back after the other cards, and at once when nothing else is left', () => {
    const progress = { ...emptyProgress(), newPerDay: 3 };
    answered(progress, 'a:term', morning, Rating.Again);
    const now = at(10_000);
    expect(buildSession(deck, progress, now).queue.map((c) => c.id)).toEqual(['b:term', 'c:term', 'a:term']);
    answered(progress, 'b:term', now, Rating.Easy);
    answered(progress, 'c:term', now, Rating.Easy);
    expect(buildSession(deck, progress, at(20_000)).queue.map((c) => c.id)).toEqual(['a:term']);
    // Once due, it is first.
    expect(buildSession(deck, progress, at(2 * MINUTE)).queue[0]!.id).toBe('a:term');
  });

  test('nothing left today: the queue is empty and says when the next card is due', () => {
    const progress = { ...emptyProgress(), newPerDay: 1 };
    answered(progress, 'a:term', morning, Rating.Easy);
    const session = buildSession(deck, progress, at(MINUTE));
    expect(session.queue).toEqual([]);
    expect(session.dueToday).toBe(0);
    expect(session.nextDue).toEqual(progress.cards['a:term']!.due);
  });

  test('dueToday counts studied cards due before midnight, including later today', () => {
    const progress = { ...emptyProgress(), newPerDay: 0 };
    answered(progress, 'a:term', morning, Rating.Good); // 10 minutes
    answered(progress, 'b:term', morning, Rating.Easy); // days
    expect(buildSession(deck, progress, morning).dueToday).toBe(1);
  });

  test('cards of terms no longer in the glossary are ignored; the deck passed in is the category', () => {
    const progress = emptyProgress();
    answered(progress, 'gone:term', morning, Rating.Again);
    const onlyB = deck.filter((c) => c.key === 'b');
    const session = buildSession(onlyB, progress, at(DAY));
    expect(session.queue.map((c) => c.id)).toEqual(['b:term']);
    expect(session.dueToday).toBe(0);
    expect(dueTimes(onlyB, progress)).toEqual([]);
  });

  test('dueTimes: the due time of each studied card of the deck', () => {
    const progress = emptyProgress();
    answered(progress, 'a:term', morning, Rating.Good);
    expect(dueTimes(deck, progress)).toEqual([morning.getTime() + 10 * MINUTE]);
    expect(cardId('a', 'definition')).toBe('a:definition');
  });
});

describe('穴埋め cards', () => {
  const cloze = (id: string, key: string, category = 'A') => ({
    id,
    key,
    category,
    before: 'ウェブの',
    answer: id,
    after: 'を持つ。',
    href: '/notes/waf/#waf',
    source: 'WAF',
  });
  // Two blanks of one sentence (siblings), one of another.
  const clozes = [
    cloze('cloze:waf:1', 'cloze:waf:s1'),
    cloze('cloze:waf:2', 'cloze:waf:s1'),
    cloze('cloze:waf:3', 'cloze:waf:s2'),
  ];
  const withClozes = deckOf(terms.slice(0, 1), clozes);

  test('after the term cards, each showing its sentence around the blank', () => {
    expect(withClozes.map((c) => c.id)).toEqual(['a:term', 'a:definition', ...clozes.map((c) => c.id)]);
    expect(withClozes[2]).toMatchObject({
      side: 'cloze',
      term: 'cloze:waf:1',
      definition: 'ウェブのcloze:waf:1を持つ。',
      cloze: { before: 'ウェブの', answer: 'cloze:waf:1', after: 'を持つ。' },
    });
  });

  test('two blanks of one sentence are never both new on one day (one gives the other away)', () => {
    const session = buildSession(withClozes, emptyProgress(), morning);
    expect(session.queue.map((c) => c.id)).toEqual(['a:term', 'cloze:waf:1', 'cloze:waf:3']);
    const studied = answered(emptyProgress(), 'cloze:waf:1', morning, Rating.Easy);
    expect(buildSession(withClozes, studied, at(MINUTE)).queue.map((c) => c.id)).toEqual(['a:term', 'cloze:waf:3']);
    // The next day, the sibling is new.
    expect(buildSession(withClozes, studied, at(DAY)).queue.map((c) => c.id)).toContain('cloze:waf:2');
  });

  test('answered and scheduled like a term card', () => {
    const progress = answered(emptyProgress(), 'cloze:waf:3', morning, Rating.Good);
    expect(dueTimes(withClozes, progress)).toEqual([progress.cards['cloze:waf:3']!.due.getTime()]);
    expect(buildSession(withClozes, progress, morning).dueToday).toBe(1);
  });
});
