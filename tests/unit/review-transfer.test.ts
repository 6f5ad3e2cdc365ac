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
    const result = importProgress('{"marks":{"sts":"known"}}', emptyProgress(), day1);
    expect(result.ok && Object.keys(result.progress.cards)).toEqual(['sts:term']);
  });

  test('invalid cards in a file are skipped and counted', () => {
    const file = JSON.parse(exportProgress(withCards({ 'a:term': day1 }), day1));
    file.progress.cards['bad:term'] = { due: 'never' };
    const result = importProgress(JSON.stringify(file), emptyProgress());
    expect(result.ok && result.summary).toBe('1枚の記録を読み込みました。1枚は形式が違うため読み飛ばしました。');
  });

  test('file name: the local date', () => {
    expect(exportFileName(day1)).toBe('aws-memo-review-2025-04-01.json');
  });
});

describe('hostile or wrong files: a clear message, nothing changed', () => {
  test.each<[name: string, text: string, message: string]>([
    ['empty', '', 'JSON として読めません。'],
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
