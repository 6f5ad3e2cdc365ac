/** Moving 復習 progress between browsers: export, then import with a merge; hostile files rejected. */
import { Rating } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import { emptyProgress, serialise, type Progress } from '../../src/scripts/review/progress.ts';
import { answer, newCard } from '../../src/scripts/review/schedule.ts';
import { exportFileName, exportProgress, importProgress } from '../../src/scripts/review/transfer.ts';

const day1 = new Date(2025, 3, 1, 9, 0);
const day2 = new Date(2025, 3, 2, 9, 0);

function withCards(cards: Record<string, Date>, settings: Partial<Progress> = {}): Progress {
  const progress = { ...emptyProgress(), ...settings };
  for (const [id, when] of Object.entries(cards)) {
    progress.cards[id] = { ...answer(newCard(when), when, Rating.Good), introduced: when };
  }
  return progress;
}
const stored = (progress: Progress) => JSON.stringify(serialise(progress));

describe('export then import', () => {
  test('into an empty browser: the same cards and settings', () => {
    const source = withCards({ 'sts:term': day1, 'iam:definition': day2 }, { category: 'CI/CD', newPerDay: 5 });
    const result = importProgress(exportProgress(source, day2), emptyProgress());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(stored(result.progress)).toBe(stored(source));
    expect(result.summary).toBe('2枚の記録を読み込みました。');
  });

  test('merging: each card keeps the side reviewed last, and the browser’s own cards stay', () => {
    const here = withCards({ 'a:term': day2, 'b:term': day1, 'only-here:term': day1 });
    const file = withCards({ 'a:term': day1, 'b:term': day2, 'only-there:term': day1 });
    const result = importProgress(exportProgress(file, day2), here);
    if (!result.ok) throw new Error(result.message);
    expect(Object.keys(result.progress.cards).sort()).toEqual([
      'a:term',
      'b:term',
      'only-here:term',
      'only-there:term',
    ]);
    expect(result.progress.cards['a:term']).toEqual(here.cards['a:term']);
    expect(result.progress.cards['b:term']).toEqual(file.cards['b:term']);
    expect(result.summary).toBe(
      '2枚の記録を読み込みました。1枚はこのブラウザの記録の方が新しいので、そのままにしました。',
    );
    // The progress passed in is not changed.
    expect(Object.keys(here.cards)).toHaveLength(3);
  });

  test('the first version’s stored progress can be imported too', () => {
    const result = importProgress('{"marks":{"sts":"known"}}', emptyProgress(), { now: day1 });
    expect(result.ok && Object.keys(result.progress.cards)).toEqual(['sts:term']);
  });

  test('invalid cards in a file are skipped and counted', () => {
    const file = JSON.parse(exportProgress(withCards({ 'a:term': day1 }), day1));
    file.progress.cards['bad:term'] = { due: 'never' };
    const result = importProgress(JSON.stringify(file), emptyProgress());
    expect(result.ok && result.summary).toBe('1枚の記録を読み込みました。1枚は形式が違うため読み飛ばしました。');
  });

  test('cards the site does not have (a note or term since removed) are left out and counted', () => {
    const file = exportProgress(withCards({ 'a:term': day1, 'gone:term': day1, 'gone:definition': day1 }), day1);
    const result = importProgress(file, emptyProgress(), { known: (id) => id.startsWith('a:') });
    if (!result.ok) throw new Error(result.message);
    expect(Object.keys(result.progress.cards)).toEqual(['a:term']);
    expect(result.summary).toBe(
      '1枚の記録を読み込みました。2枚はこのサイトにないカード（消えたノートや用語）なので読み飛ばしました。',
    );
    expect(importProgress(file, emptyProgress(), { known: () => false })).toEqual({
      ok: false,
      message: '読み込めるカードがありません（3枚はこのサイトにないカード（消えたノートや用語））。',
    });
  });

  test('a card id written twice counts once (the later one, as JSON.parse reads it)', () => {
    const [early, late] = [withCards({ x: day1 }).cards.x!, withCards({ x: day2 }).cards.x!];
    const card = (state: typeof early) =>
      JSON.stringify(serialise({ ...emptyProgress(), cards: { x: state } }).cards.x);
    const text = `{"cards":{"a:term":${card(early)},"a:term":${card(late)}}}`;
    const result = importProgress(text, emptyProgress());
    if (!result.ok) throw new Error(result.message);
    expect(result.summary).toBe('1枚の記録を読み込みました。');
    expect(result.progress.cards['a:term']!.last_review).toEqual(late.last_review);
  });

  test('a version 2 file (cards as objects, ISO dates) is read as before', () => {
    const card = withCards({ x: day1 }).cards.x!;
    const v2 = {
      format: 'aws-memo-review',
      version: 2,
      progress: {
        version: 2,
        category: 'CI/CD',
        newPerDay: 5,
        cards: {
          'sts:term': {
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
          },
        },
      },
    };
    const result = importProgress(JSON.stringify(v2, null, 2), emptyProgress());
    if (!result.ok) throw new Error(result.message);
    expect(result.progress.cards['sts:term']).toEqual(card);
    expect(result.progress).toMatchObject({ category: 'CI/CD', newPerDay: 5 });
  });

  test('the exported file is the compact stored form: about 100 bytes a card', () => {
    const cards = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`アクセスキー${i}:term`, day1]));
    const file = exportProgress(withCards(cards), day2);
    expect(JSON.parse(file)).toMatchObject({ format: 'aws-memo-review', version: 3 });
    expect(Buffer.byteLength(file) / 1000).toBeLessThan(110);
  });

  test('file name: the local date', () => {
    expect(exportFileName(day1)).toBe('aws-memo-review-2025-04-01.json');
  });
});

describe('hostile or wrong files: a clear message, nothing changed', () => {
  test.each<[name: string, text: string, message: string]>([
    ['empty', '', 'JSON として読めません。'],
    ['binary junk', '\u0000\u00ff\ufffdPK\u0003\u0004', 'JSON として読めません。'],
    ['deeply nested arrays', '['.repeat(100_000) + ']'.repeat(100_000), 'このサイトの復習の記録ではありません。'],
    ['a JSON string', '"aws-memo-review"', 'このサイトの復習の記録ではありません。'],
    [
      'cards as an array',
      '{"format":"aws-memo-review","progress":{"cards":[[1,1,1,0,0,1,0,2,0,0]]}}',
      'カードの記録がありません。',
    ],
    ['not JSON', 'id,term\n1,STS', 'JSON として読めません。'],
    ['truncated', '{"format":"aws-memo-review","progress":{', 'JSON として読めません。'],
    ['JSON null', 'null', 'このサイトの復習の記録ではありません。'],
    ['an array', '[1,2]', 'このサイトの復習の記録ではありません。'],
    ['another app’s JSON', '{"name":"package","version":"1.0.0"}', 'このサイトの復習の記録ではありません。'],
    [
      'our format, progress missing',
      '{"format":"aws-memo-review","version":2}',
      'このサイトの復習の記録ではありません。',
    ],
    ['no cards', '{"format":"aws-memo-review","progress":{"cards":{}}}', 'カードの記録がありません。'],
    [
      'only broken cards',
      '{"format":"aws-memo-review","progress":{"cards":{"a:term":{"due":1},"b:term":"x"}}}',
      '読み込めるカードがありません（2枚は形式が違います）。',
    ],
    [
      'prototype pollution',
      '{"__proto__":{"cards":{"a":{}}},"constructor":{"prototype":{"x":1}}}',
      'このサイトの復習の記録ではありません。',
    ],
  ])('%s', (_name, text, message) => {
    const here = withCards({ 'a:term': day1 });
    const before = stored(here);
    expect(importProgress(text, here)).toEqual({ ok: false, message });
    expect(stored(here)).toBe(before);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
