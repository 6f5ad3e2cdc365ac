/**
 * What keeps a note page the same size however many notes the site has (docs/quality.md, scale):
 * the sidebar shows only the note's category, a window of it when long, and the other categories
 * as links to the home page; the reading order and topic index are computed once per collection.
 */
import { describe, expect, test } from 'vitest';
import { neighbours, notesByTopic, readingPositions, sidebarView, type NavNote } from '../../src/utils/navigation.ts';
import type { NoteCategory } from '../../src/schemas/note.ts';

type Note = NavNote & { data: { topics: string[] } };
const note = (id: string, category: NoteCategory, order: number, topics: string[] = []): Note => ({
  id,
  data: { title: id, category, order, topics },
});

// 100 notes in コンテナ, 3 in ID・アクセス管理, 1 in ネットワーク.
const notes: Note[] = [
  ...Array.from({ length: 100 }, (_, i) => note(`c${i}`, 'コンテナ', i, i % 2 ? ['ECS'] : ['ECS', 'Docker'])),
  note('iam', 'ID・アクセス管理', 1, ['IAM']),
  note('sts', 'ID・アクセス管理', 2, ['IAM', 'STS']),
  note('policy', 'ID・アクセス管理', 3),
  note('vpc', 'ネットワーク', 1),
];

describe('a note page sidebar', () => {
  test('a short category is listed whole; the other categories link to their home page sections', () => {
    const view = sidebarView(notes, 'sts')!;
    expect(view.category).toBe('ID・アクセス管理');
    expect(view.shown.map((n) => n.id)).toEqual(['iam', 'sts', 'policy']);
    expect(view.total).toBe(3);
    // Home page section indexes follow the non-empty categories in schema order.
    expect(view.index).toBe(0);
    expect(view.others).toEqual([
      { category: 'ネットワーク', index: 1 },
      { category: 'コンテナ', index: 2 },
    ]);
  });

  test('a long category shows a window of 25 around the note, clamped at both ends', () => {
    const middle = sidebarView(notes, 'c50')!;
    expect(middle.total).toBe(100);
    expect(middle.shown).toHaveLength(25);
    expect(middle.shown[12]!.id).toBe('c50');
    expect(
      sidebarView(notes, 'c0')!
        .shown.map((n) => n.id)
        .slice(0, 2),
    ).toEqual(['c0', 'c1']);
    expect(sidebarView(notes, 'c99')!.shown.at(-1)!.id).toBe('c99');
    expect(sidebarView(notes, 'c99')!.shown).toHaveLength(25);
  });

  test('an unknown note has no sidebar view', () => {
    expect(sidebarView(notes, 'nope')).toBeUndefined();
  });
});

describe('computed once per collection', () => {
  test('reading positions and neighbours agree with the reading order', () => {
    const positions = readingPositions(notes);
    expect(positions.get('iam')).toBe(0);
    expect(positions.get('vpc')).toBe(3);
    expect(positions.get('c0')).toBe(4);
    expect(neighbours(notes, 'vpc')).toEqual({
      prev: notes.find((n) => n.id === 'policy'),
      next: notes.find((n) => n.id === 'c0'),
    });
    expect(readingPositions(notes)).toBe(positions);
  });

  test('the topic index lists each topic’s notes', () => {
    const byTopic = notesByTopic(notes);
    expect(byTopic.get('IAM')!.map((n) => n.id)).toEqual(['iam', 'sts']);
    expect(byTopic.get('Docker')).toHaveLength(50);
    expect(byTopic.get('ECS')).toHaveLength(100);
    expect(notesByTopic(notes)).toBe(byTopic);
  });
});
