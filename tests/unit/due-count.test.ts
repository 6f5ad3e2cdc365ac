/** The count of 復習 cards due today on the header's link: from whatever is stored, never throwing. */
import { describe, expect, test } from 'vitest';
import { countDueToday } from '../../src/scripts/due-count.ts';

const now = new Date(2025, 3, 1, 21, 0); // local 21:00
const at = (hours: number) => new Date(2025, 3, 1, 21 + hours, 0).getTime();

describe('countDueToday', () => {
  test.each<[name: string, raw: string | null, count: number]>([
    ['nothing stored', null, 0],
    ['overdue, due now, due before midnight', JSON.stringify([at(-48), at(0), at(2.9)]), 3],
    ['due after midnight is not today', JSON.stringify([at(3), at(30)]), 0],
    ['a mix', JSON.stringify([at(-1), at(5)]), 1],
    ['not JSON', '[1,', 0],
    ['an object', '{"0":1}', 0],
    ['a number', '5', 0],
    ['null', 'null', 0],
    ['non-numbers ignored', JSON.stringify(['1', null, {}, [], true, at(-1)]), 1],
  ])('%s → %d', (_name, raw, count) => {
    expect(countDueToday(raw, now)).toBe(count);
  });
});
