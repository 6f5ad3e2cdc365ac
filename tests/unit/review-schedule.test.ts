/**
 * 復習 scheduling through the real ts-fsrs, on a fixed clock: what a reader sees on the answer
 * buttons and when a card comes back.
 */
import { Rating, State, type Card } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import { answer, answers, formatInterval, newCard, preview } from '../../src/scripts/review/schedule.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const start = new Date('2025-04-01T09:00:00+09:00');
const after = (from: Date, ms: number) => new Date(from.getTime() + ms);
const days = (card: Card, from: Date) => (card.due.getTime() - from.getTime()) / DAY;

describe('answers', () => {
  test('four answers on keys 1–4: もう一度, 難しい, 正解, 簡単', () => {
    expect(answers.map((a) => a.label)).toEqual(['もう一度', '難しい', '正解', '簡単']);
    expect(answers.map((a) => a.grade)).toEqual([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]);
  });
});

describe('a new card', () => {
  const outcomes = preview(newCard(start), start);
  test('もう一度 and 正解 keep it in today’s learning steps (1 and 10 minutes); 簡単 sends it days away', () => {
    expect(formatInterval(start, outcomes[Rating.Again].due)).toBe('1分後');
    expect(formatInterval(start, outcomes[Rating.Good].due)).toBe('10分後');
    expect(outcomes[Rating.Good].state).toBe(State.Learning);
    expect(outcomes[Rating.Easy].state).toBe(State.Review);
    expect(days(outcomes[Rating.Easy], start)).toBeGreaterThanOrEqual(1);
  });
  test('each answer brings it back no sooner than the one before', () => {
    const dues = answers.map(({ grade }) => outcomes[grade].due.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(new Set(dues).size).toBe(4);
  });
  test('the preview is what answering does', () => {
    for (const { grade } of answers) expect(answer(newCard(start), start, grade)).toEqual(outcomes[grade]);
  });
});

describe('a card answered 正解 on each due date', () => {
  test('graduates after its learning steps, then comes back after longer and longer intervals', () => {
    let card = newCard(start);
    let now = start;
    const intervals: number[] = [];
    for (let i = 0; i < 7; i++) {
      card = answer(card, now, Rating.Good);
      intervals.push(card.due.getTime() - now.getTime());
      now = card.due;
    }
    expect(intervals[0]).toBe(10 * MINUTE); // learning step
    expect(card.state).toBe(State.Review);
    const reviewIntervals = intervals.slice(1);
    expect(reviewIntervals[0]).toBeGreaterThanOrEqual(DAY);
    for (let i = 1; i < reviewIntervals.length; i++) {
      expect(reviewIntervals[i]).toBeGreaterThan(reviewIntervals[i - 1]!);
    }
    expect(reviewIntervals.at(-1)!).toBeGreaterThan(30 * DAY);
    expect(card.reps).toBe(7);
    expect(card.lapses).toBe(0);
  });

  test('answered late, it still comes back later than answered on time (it was remembered longer)', () => {
    let card = answer(newCard(start), start, Rating.Good);
    card = answer(card, card.due, Rating.Good);
    const onTime = answer(card, card.due, Rating.Good);
    const late = answer(card, after(card.due, 5 * DAY), Rating.Good);
    expect(late.stability).toBeGreaterThan(onTime.stability);
  });
});

describe('forgetting a learned card', () => {
  test('もう一度 on a review card: relearning in 10 minutes, one lapse, and a shorter interval after', () => {
    let card = newCard(start);
    let now = start;
    for (let i = 0; i < 4; i++) {
      card = answer(card, now, Rating.Good);
      now = card.due;
    }
    expect(card.state).toBe(State.Review);
    const before = preview(card, now)[Rating.Good];
    const lapsed = answer(card, now, Rating.Again);
    expect(lapsed.state).toBe(State.Relearning);
    expect(lapsed.lapses).toBe(1);
    expect(formatInterval(now, lapsed.due)).toBe('10分後');
    const relearned = answer(lapsed, lapsed.due, Rating.Good);
    expect(relearned.state).toBe(State.Review);
    expect(days(relearned, lapsed.due)).toBeLessThan(days(before, now));
  });
});

describe('odd clocks', () => {
  test('a card last reviewed "in the future" (clock put back, import from a device ahead) is answered without error', () => {
    const card = answer(answer(newCard(start), start, Rating.Good), after(start, 10 * MINUTE), Rating.Good);
    const earlier = after(start, -3 * DAY);
    expect(() => preview(card, earlier)).not.toThrow();
    const next = answer(card, earlier, Rating.Good);
    expect(next.due.getTime()).toBeGreaterThan(card.last_review!.getTime());
  });
  test('the same answers at the same times give the same schedule', () => {
    const run = () => answer(answer(newCard(start), start, Rating.Hard), after(start, 6 * MINUTE), Rating.Easy);
    expect(run()).toEqual(run());
  });
});

describe('formatInterval: when a card comes back, as the buttons say it', () => {
  test.each<[number, string]>([
    [-5 * MINUTE, '今'],
    [0, '今'],
    [20_000, '今'],
    [40_000, '1分後'],
    [MINUTE, '1分後'],
    [6 * MINUTE, '6分後'],
    [10 * MINUTE, '10分後'],
    [59 * MINUTE, '59分後'],
    [60 * MINUTE, '1時間後'],
    [5.4 * 60 * MINUTE, '5時間後'],
    [23 * 60 * MINUTE, '23時間後'],
    [DAY, '1日後'],
    [3 * DAY, '3日後'],
    [30 * DAY, '30日後'],
    [45 * DAY, '1か月後'],
    [100 * DAY, '3か月後'],
    [365 * DAY, '1年後'],
    [550 * DAY, '1.5年後'],
    [36500 * DAY, '100年後'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatInterval(start, after(start, ms))).toBe(text);
  });
});
