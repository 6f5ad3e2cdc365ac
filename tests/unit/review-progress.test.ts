/** Stored 復習 progress read through the validator: valid parts kept, the rest dropped, never throwing. */
import { Rating, State } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_NEW_PER_DAY,
  loadProgress as loadFrom,
  parseCard,
  parseProgressV1,
  serialise,
  STORAGE_KEY,
  V1_STORAGE_KEY,
  V2_STORAGE_KEY,
  cardFields,
  type CardState,
} from '../../src/scripts/review/progress.ts';
import { answer, newCard } from '../../src/scripts/review/schedule.ts';

const now = new Date('2025-04-01T00:00:00Z');

/** Progress from localStorage holding these values (version 3, 2 and 1). */
const load = (v3: string | null, v2: string | null, v1: string | null = null) =>
  loadFrom((key) => ({ [STORAGE_KEY]: v3, [V2_STORAGE_KEY]: v2, [V1_STORAGE_KEY]: v1 })[key] ?? null, now);
/** Version 2's stored card, as docs/glossary.md describes it: ts-fsrs's names, ISO dates. */
const v2Card = (card: CardState) => ({
  due: card.due.toISOString(),
  stability: card.stability,
  difficulty: card.difficulty,
  scheduled_days: card.scheduled_days,
  learning_steps: card.learning_steps,
  reps: card.reps,
  lapses: card.lapses,
  state: card.state,
  last_review: card.last_review!.toISOString(),
  introduced: card.introduced.toISOString(),
});

/** A plain copy, so `toEqual` compares the data and not the (absent) prototype. */
const plainV1 = (raw: string | null) => {
  const progress = parseProgressV1(raw);
  return { marks: { ...progress.marks }, category: progress.category };
};
const none = { marks: {}, category: '' };

describe('version 1 (覚えた / まだ), as stored before spaced repetition', () => {
  test.each<[name: string, raw: string | null, expected: { marks: Record<string, string>; category: string }]>([
    ['nothing stored', null, none],
    ['empty string', '', none],
    ['not JSON', '{marks:', none],
    ['truncated JSON', '{"marks":{"iam":"kno', none],
    ['JSON null', 'null', none],
    ['JSON true', 'true', none],
    ['a number', '1', none],
    ['a string', '"known"', none],
    ['an array', '[{"marks":{}}]', none],
    ['marks is a string', '{"marks":"x"}', none],
    ['marks is a number', '{"marks":1}', none],
    ['marks is null', '{"marks":null}', none],
    ['marks is an array', '{"marks":["known","again"]}', none],
    [
      'unknown mark values dropped, known kept',
      '{"marks":{"a":"known","b":"bogus","c":1,"d":null,"e":"again","f":{}}}',
      { marks: { a: 'known', e: 'again' }, category: '' },
    ],
    ['mark values are case-sensitive', '{"marks":{"a":"KNOWN","b":" again"}}', none],
    ['category kept', '{"marks":{},"category":"CI/CD"}', { marks: {}, category: 'CI/CD' }],
    ['category a number', '{"category":5}', none],
    ['category an object', '{"category":{"toString":1}}', none],
    ['extra fields ignored', '{"marks":{"a":"known"},"version":99,"x":[1]}', { marks: { a: 'known' }, category: '' }],
  ])('%s', (_name, raw, expected) => {
    expect(plainV1(raw)).toEqual(expected);
  });

  test('a "__proto__" key is an ordinary key: no prototype is changed', () => {
    const progress = parseProgressV1('{"marks":{"__proto__":"known","toString":"again","x":"known"}}');
    expect(Object.getPrototypeOf(progress.marks)).toBe(null);
    expect(Object.keys(progress.marks).sort()).toEqual(['__proto__', 'toString', 'x']);
    expect(({} as Record<string, unknown>).known).toBeUndefined();
  });

  test('a stored "__proto__" at the top level does not smuggle marks in', () => {
    expect(plainV1('{"__proto__":{"marks":{"a":"known"}}}')).toEqual(none);
  });

  test('migrated once: 覚えた → term card answered 簡単 (back in days), まだ → もう一度 (back in a minute)', () => {
    const progress = load(null, null, '{"marks":{"sts":"known","iam":"again","x":"bogus"},"category":"CI/CD"}');
    expect(Object.keys(progress.cards).sort()).toEqual(['iam:term', 'sts:term']);
    expect(progress.category).toBe('CI/CD');
    expect(progress.newPerDay).toBe(DEFAULT_NEW_PER_DAY);
    const sts = progress.cards['sts:term']!;
    expect(sts.state).toBe(State.Review);
    expect(sts.due.getTime() - now.getTime()).toBeGreaterThanOrEqual(24 * 3600_000);
    const iam = progress.cards['iam:term']!;
    expect(iam.state).toBe(State.Learning);
    expect(iam.due.getTime() - now.getTime()).toBe(60_000);
    expect(sts.introduced).toEqual(now);
  });

  test('once a later version is stored, version 1 is not migrated again (a reset stays a reset)', () => {
    const empty = JSON.stringify(serialise(load(null, null)));
    expect(Object.keys(load(empty, null, '{"marks":{"sts":"known"}}').cards)).toEqual([]);
    expect(Object.keys(load(null, empty, '{"marks":{"sts":"known"}}').cards)).toEqual([]);
  });
});

describe('one card state each (version 2 objects, version 3 arrays)', () => {
  const sts: CardState = { ...answer(answer(newCard(now), now, Rating.Good), now, Rating.Good), introduced: now };
  const valid: Record<string, unknown> = v2Card(sts);
  const good = { 'sts:term': valid };
  const fresh = { version: 2, category: '', newPerDay: 20 };

  test('version 2 is read, and version 3 stores the same card as one array that reads back the same', () => {
    const fromV2 = load(null, JSON.stringify({ ...fresh, cards: good }));
    expect(fromV2.cards['sts:term']).toEqual(sts);
    const v3 = serialise(fromV2);
    expect(v3.version).toBe(3);
    expect(v3.cards['sts:term']).toEqual([
      sts.due.getTime(),
      sts.stability,
      sts.difficulty,
      sts.scheduled_days,
      sts.learning_steps,
      sts.reps,
      sts.lapses,
      sts.state,
      sts.last_review!.getTime(),
      now.getTime(),
    ]);
    const stored = JSON.stringify(v3);
    expect(JSON.stringify(serialise(load(stored, null)))).toBe(stored);
    // Version 3 wins over a version 2 still stored beside it.
    expect(Object.keys(load(JSON.stringify(serialise(load(null, null))), stored).cards)).toEqual([]);
  });

  test('the stored form is no larger than it needs to be: 40,000 cards fit in localStorage (5,242,880 characters)', () => {
    const progress = load(null, null);
    for (let i = 0; i < 40_000; i++) progress.cards[`一時的なセキュリティ認証情報${i}:definition`] = sts;
    const stored = JSON.stringify(serialise(progress));
    expect(stored.length / 40_000).toBeLessThan(110);
    expect(STORAGE_KEY.length + stored.length).toBeLessThan(5_242_880);
    // Version 2 took more than twice as much.
    const v2 = JSON.stringify({
      ...fresh,
      cards: Object.fromEntries(Object.keys(progress.cards).map((id) => [id, valid])),
    });
    expect(v2.length).toBeGreaterThan(2 * stored.length);
  });

  test.each<[name: string, change: Record<string, unknown>]>([
    ['due missing', { due: undefined }],
    ['due not a date', { due: 'tomorrow' }],
    ['due an object', { due: {} }],
    ['due beyond year 9999', { due: '+275760-09-13T00:00:00.000Z' }],
    ['due before 1970', { due: '1969-12-31T00:00:00.000Z' }],
    ['state unknown', { state: 7 }],
    ['state a string', { state: 'Review' }],
    ['reps negative', { reps: -1 }],
    ['reps fractional', { reps: 1.5 }],
    ['lapses a string', { lapses: '0' }],
    ['learning_steps NaN (stored as null)', { learning_steps: null }],
    ['scheduled_days negative', { scheduled_days: -3 }],
    ['stability 0 outside New', { stability: 0 }],
    ['stability huge', { stability: 1e9 }],
    ['difficulty 0 outside New', { difficulty: 0 }],
    ['difficulty above 10', { difficulty: 11 }],
    ['last_review not a date', { last_review: 'yesterday' }],
    ['last_review missing outside New', { last_review: undefined }],
  ])('dropped: %s', (_name, change) => {
    const card = { ...valid, ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete card[key];
    expect(parseCard(JSON.parse(JSON.stringify(card)))).toBeUndefined();
    // And beside a valid card, the valid one is kept.
    const stored = JSON.stringify({ ...fresh, cards: { 'bad:term': card, ...good } });
    expect(Object.keys(load(null, stored).cards)).toEqual(['sts:term']);
    // The same card as a version 3 array is dropped the same way.
    const array = cardFields.map((field) => card[field]);
    const v3 = JSON.stringify({
      version: 3,
      cards: {
        'bad:term': array,
        'sts:term': serialise({ ...load(null, null), cards: { 'sts:term': sts } }).cards['sts:term'],
      },
    });
    expect(Object.keys(load(v3, null).cards)).toEqual(['sts:term']);
  });

  test.each<[name: string, stored: unknown]>([
    ['an empty array', []],
    ['an array with a field too many', [...cardFields.map((field) => valid[field]), 0]],
    ['an array of strings', cardFields.map(() => '1')],
    ['an array of arrays', [[1], [2]]],
    ['a number', 1743638400000],
  ])('dropped, version 3: %s', (_name, stored) => {
    expect(parseCard(stored)).toBeUndefined();
  });

  test('a card without `introduced` counts as introduced at its last review', () => {
    const { introduced: _, ...card } = valid;
    expect(parseCard(card)!.introduced).toEqual(new Date(valid.last_review as string));
  });

  test.each<[name: string, raw: string]>([
    ['not JSON', '{"version":2,'],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['cards a string', '{"cards":"x"}'],
    ['cards an array', '{"cards":[{"due":0}]}'],
    ['cards null', '{"cards":null}'],
  ])('nothing kept, nothing thrown: %s', (_name, raw) => {
    const progress = load(raw, null, '{"marks":{"sts":"known"}}');
    expect(Object.keys(progress.cards)).toEqual([]);
    expect(progress.category).toBe('');
  });

  test.each<[name: string, value: unknown, expected: number]>([
    ['a choice', 5, 5],
    ['any whole number 1–1000', 37, 37],
    ['zero', 0, DEFAULT_NEW_PER_DAY],
    ['negative', -5, DEFAULT_NEW_PER_DAY],
    ['fractional', 2.5, DEFAULT_NEW_PER_DAY],
    ['a string', '20', DEFAULT_NEW_PER_DAY],
    ['huge', 1e12, DEFAULT_NEW_PER_DAY],
  ])('newPerDay %s', (_name, value, expected) => {
    expect(load(JSON.stringify({ newPerDay: value }), null).newPerDay).toBe(expected);
  });

  test('card ids such as "__proto__" and "constructor" are ordinary ids', () => {
    const stored = `{"cards":{"__proto__":${JSON.stringify(valid)},"constructor":${JSON.stringify(valid)}}}`;
    const progress = load(stored, null);
    expect(Object.getPrototypeOf(progress.cards)).toBe(null);
    expect(Object.keys(progress.cards).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(JSON.parse(JSON.stringify(serialise(progress))).cards).sort()).toEqual([
      '__proto__',
      'constructor',
    ]);
  });

  test('50,000 stored cards are read in one pass', () => {
    const many = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}:term`, valid]));
    expect(Object.keys(load(JSON.stringify({ cards: many }), null).cards)).toHaveLength(50_000);
  });
});
