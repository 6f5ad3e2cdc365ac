import { noteCategories, type NoteCategory } from '../schemas/note.ts';

/** The fields navigation needs; a collection entry has them under `data`. */
export interface NavNote {
  id: string;
  data: { title: string; category: NoteCategory; order: number };
}

/** Reading order: category as listed in `noteCategories`, then `order`, then title. */
export function sortNotes<T extends NavNote>(notes: readonly T[]): T[] {
  return [...notes].sort(
    (a, b) =>
      noteCategories.indexOf(a.data.category) - noteCategories.indexOf(b.data.category) ||
      a.data.order - b.data.order ||
      a.data.title.localeCompare(b.data.title, 'ja'),
  );
}

/** Notes grouped by category in reading order; empty categories are left out. */
export function groupByCategory<T extends NavNote>(notes: readonly T[]): { category: NoteCategory; notes: T[] }[] {
  const sorted = sortNotes(notes);
  return noteCategories
    .map((category) => ({ category, notes: sorted.filter((note) => note.data.category === category) }))
    .filter((group) => group.notes.length > 0);
}

/** The notes before and after `id` in reading order. */
export function neighbours<T extends NavNote>(notes: readonly T[], id: string): { prev?: T; next?: T } {
  const sorted = sortNotes(notes);
  const index = sorted.findIndex((note) => note.id === id);
  if (index < 0) return {};
  return { prev: sorted[index - 1], next: sorted[index + 1] };
}

/** URL paths, with the trailing slash the site is built with. */
export const notePath = (id: string) => `/notes/${id}/`;
export const topicPath = (topic: string) => `/topics/${encodeURIComponent(topic)}/`;
