import { describe, expect, test } from 'vitest';
import { parseProgress } from '../../src/scripts/review-progress.ts';

/** A plain copy, so `toEqual` compares the data and not the (absent) prototype. */
const plain = (raw: string | null) => {
  const progress = parseProgress(raw);
  return { marks: { ...progress.marks }, category: progress.category };
};
const none = { marks: {}, category: '' };

describe('parseProgress: stored 復習 progress, valid parts kept, never throwing', () => {
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
    expect(plain(raw)).toEqual(expected);
  });

  test('a "__proto__" key is an ordinary key: no prototype is changed', () => {
    const progress = parseProgress('{"marks":{"__proto__":"known","toString":"again","x":"known"}}');
    expect(Object.getPrototypeOf(progress.marks)).toBe(null);
    expect(Object.keys(progress.marks).sort()).toEqual(['__proto__', 'toString', 'x']);
    expect(JSON.parse(JSON.stringify(progress)).marks).toEqual(
      JSON.parse('{"__proto__":"known","toString":"again","x":"known"}'),
    );
    expect(({} as Record<string, unknown>).known).toBeUndefined();
  });

  test('a stored "__proto__" at the top level does not smuggle marks in', () => {
    expect(plain('{"__proto__":{"marks":{"a":"known"}}}')).toEqual(none);
  });

  test('a large value is read in one pass', () => {
    const many = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i % 2 ? 'known' : 'again']));
    expect(Object.keys(parseProgress(JSON.stringify({ marks: many })).marks)).toHaveLength(50_000);
  });
});
