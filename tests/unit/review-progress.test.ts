/** Stored 復習 progress read through the validator: valid parts kept, the rest dropped, never throwing. */
import { Rating, State } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_NEW_PER_DAY,
  loadProgress,
  parseCard,
  parseProgressV1,
  serialise,
} from '../../src/scripts/review/progress.ts';
import { answer, newCard } from '../../src/scripts/review/schedule.ts';

const now = new Date('2025-04-01T00:00:00Z');

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
    const progress = loadProgress(null, '{"marks":{"sts":"known","iam":"again","x":"bogus"},"category":"CI/CD"}', now);
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

  test('once version 2 is stored, version 1 is not migrated again (a reset stays a reset)', () => {
    const v2 = JSON.stringify(serialise(loadProgress(null, null, now)));
    expect(Object.keys(loadProgress(v2, '{"marks":{"sts":"known"}}', now).cards)).toEqual([]);
  });
});

describe('version 2: one card state each', () => {
  const good = serialise({
    category: '',
    newPerDay: 20,
    cards: { 'sts:term': { ...answer(answer(newCard(now), now, Rating.Good), now, Rating.Good), introduced: now } },
  }).cards as Record<string, Record<string, unknown>>;
  const valid = good['sts:term']!;
  const fresh = { ...serialise({ category: '', newPerDay: 20, cards: {} }) };

  test('what is stored reads back the same', () => {
    const stored = JSON.stringify({ ...fresh, cards: good });
    const progress = loadProgress(stored, null, now);
    expect(JSON.stringify(serialise(progress))).toBe(stored);
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
    expect(Object.keys(loadProgress(stored, null, now).cards)).toEqual(['sts:term']);
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
    const progress = loadProgress(raw, '{"marks":{"sts":"known"}}', now);
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
    expect(loadProgress(JSON.stringify({ newPerDay: value }), null, now).newPerDay).toBe(expected);
  });

  test('card ids such as "__proto__" and "constructor" are ordinary ids', () => {
    const stored = `{"cards":{"__proto__":${JSON.stringify(valid)},"constructor":${JSON.stringify(valid)}}}`;
    const progress = loadProgress(stored, null, now);
    expect(Object.getPrototypeOf(progress.cards)).toBe(null);
    expect(Object.keys(progress.cards).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(JSON.parse(JSON.stringify(serialise(progress))).cards).sort()).toEqual([
      '__proto__',
      'constructor',
    ]);
  });

  test('50,000 stored cards are read in one pass', () => {
    const many = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}:term`, valid]));
    expect(Object.keys(loadProgress(JSON.stringify({ cards: many }), null, now).cards)).toHaveLength(50_000);
  });
});
