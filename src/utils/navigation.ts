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

/**
 * Every note page passes the same collection array, so the reading order and the groups are
 * worked out once per array, not once per page (which made a build of N notes O(N² log N)).
 */
const readingOrders = new WeakMap<readonly NavNote[], { sorted: NavNote[]; index: Map<string, number> }>();
function readingOrder<T extends NavNote>(notes: readonly T[]): { sorted: T[]; index: Map<string, number> } {
  let order = readingOrders.get(notes);
  if (!order) {
    const sorted = sortNotes(notes);
    order = { sorted, index: new Map(sorted.map((note, i) => [note.id, i])) };
    readingOrders.set(notes, order);
  }
  return order as { sorted: T[]; index: Map<string, number> };
}

/** Each note's position in reading order (worked out once per collection array). */
export const readingPositions = (notes: readonly NavNote[]): ReadonlyMap<string, number> => readingOrder(notes).index;

const topicIndexes = new WeakMap<readonly NavNote[], Map<string, NavNote[]>>();

/** The notes of each topic (worked out once per collection array). */
export function notesByTopic<T extends NavNote & { data: { topics: string[] } }>(
  notes: readonly T[],
): ReadonlyMap<string, T[]> {
  let index = topicIndexes.get(notes);
  if (!index) {
    index = new Map();
    for (const note of notes) {
      for (const topic of note.data.topics) {
        const list = index.get(topic);
        if (list) list.push(note);
        else index.set(topic, [note]);
      }
    }
    topicIndexes.set(notes, index);
  }
  return index as Map<string, T[]>;
}

/** Notes grouped by category in reading order; empty categories are left out. */
export function groupByCategory<T extends NavNote>(notes: readonly T[]): { category: NoteCategory; notes: T[] }[] {
  const { sorted } = readingOrder(notes);
  return noteCategories
    .map((category) => ({ category, notes: sorted.filter((note) => note.data.category === category) }))
    .filter((group) => group.notes.length > 0);
}

/** The notes before and after `id` in reading order. */
export function neighbours<T extends NavNote>(notes: readonly T[], id: string): { prev?: T; next?: T } {
  const { sorted, index: positions } = readingOrder(notes);
  const index = positions.get(id) ?? -1;
  if (index < 0) return {};
  return { prev: sorted[index - 1], next: sorted[index + 1] };
}

/** URL paths, with the trailing slash the site is built with. */
export const notePath = (id: string) => `/notes/${id}/`;
export const topicPath = (topic: string) => `/topics/${encodeURIComponent(topic)}/`;

/** What a note page's sidebar shows: its own category, at most `max` notes of it around the current one. */
export interface SidebarView<T extends NavNote> {
  category: NoteCategory;
  /** The category's section on the home page is `/#category-<index>`. */
  index: number;
  /** How many notes the category has in all. */
  total: number;
  shown: T[];
  /** The other categories, each with its home page section index. */
  others: { category: NoteCategory; index: number }[];
}

const groupCache = new WeakMap<readonly NavNote[], { category: NoteCategory; notes: NavNote[] }[]>();

/**
 * The sidebar of the note `id`: only its category's notes, and of a long category a window of
 * `max` around the note, so a page's size stays the same however many notes the site has (a
 * sidebar listing every note made the build O(N²)). The home page lists everything.
 */
export function sidebarView<T extends NavNote>(notes: readonly T[], id: string, max = 25): SidebarView<T> | undefined {
  let groups = groupCache.get(notes);
  if (!groups) {
    groups = groupByCategory(notes);
    groupCache.set(notes, groups);
  }
  const index = groups.findIndex((group) => group.notes.some((note) => note.id === id));
  if (index < 0) return undefined;
  const inCategory = groups[index]!.notes as T[];
  const at = inCategory.findIndex((note) => note.id === id);
  const start = Math.max(0, Math.min(at - Math.floor(max / 2), inCategory.length - max));
  return {
    category: groups[index]!.category,
    index,
    total: inCategory.length,
    shown: inCategory.slice(start, start + max),
    others: groups.map(({ category }, i) => ({ category, index: i })).filter((other) => other.index !== index),
  };
}
