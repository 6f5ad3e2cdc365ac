import { describe, expect, test } from 'vitest';
import type { NoteCategory } from '../../src/schemas/note.ts';
import { groupByCategory, neighbours, notePath, sortNotes, topicPath } from '../../src/utils/navigation.ts';

const note = (id: string, category: NoteCategory, order: number, title = id) => ({
  id,
  data: { title, category, order },
});
const notes = [
  note('kinesis', 'ストリーミング・分析', 1),
  note('cloudfront', 'エッジ・配信', 2),
  note('iam', 'ID・アクセス管理', 1),
  note('edge-services', 'エッジ・配信', 1),
  note('waf', 'エッジ・配信', 3),
  note('b', 'コンテナ', 1, 'いろは'),
  note('a', 'コンテナ', 1, 'あいう'),
];

describe('navigation', () => {
  test('reading order: category list order, then order, then Japanese title order', () => {
    expect(sortNotes(notes).map((n) => n.id)).toEqual([
      'iam',
      'edge-services',
      'cloudfront',
      'waf',
      'a',
      'b',
      'kinesis',
    ]);
  });

  test('groups keep the category order and leave out empty categories', () => {
    expect(groupByCategory(notes).map((g) => [g.category, g.notes.map((n) => n.id)])).toEqual([
      ['ID・アクセス管理', ['iam']],
      ['エッジ・配信', ['edge-services', 'cloudfront', 'waf']],
      ['コンテナ', ['a', 'b']],
      ['ストリーミング・分析', ['kinesis']],
    ]);
  });

  test.each([
    { id: 'iam', prev: undefined, next: 'edge-services' },
    { id: 'waf', prev: 'cloudfront', next: 'a' },
    { id: 'kinesis', prev: 'b', next: undefined },
    { id: 'missing', prev: undefined, next: undefined },
  ])('neighbours of $id', ({ id, prev, next }) => {
    const result = neighbours(notes, id);
    expect([result.prev?.id, result.next?.id]).toEqual([prev, next]);
  });

  test.each([
    [notePath('iam'), '/notes/iam/'],
    [topicPath('CI-CD'), '/topics/CI-CD/'],
    [topicPath('ログ'), '/topics/%E3%83%AD%E3%82%B0/'],
  ])('%s is %s', (actual, expected) => expect(actual).toBe(expected));
});
