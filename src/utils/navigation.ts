import { noteCategories, UNCATEGORIZED } from '../schemas/note.ts';

/** The fields navigation needs; a collection entry has them under `data`. */
export interface NavNote {
  id: string;
  data: {
    title: string;
    category?: string;
    order?: number;
    topics: string[];
    published_at?: Date;
    /** A zenn-cli book's chapter: its book. */
    book?: { slug: string; title: string; summary: string };
  };
}

/** The section a note is listed under: its category, a book's title, or `UNCATEGORIZED`. */
export const categoryOf = (note: NavNote): string => note.data.category ?? UNCATEGORIZED;

/** Sections in this order: the declared categories as listed, then books by slug, then the uncategorized. */
function sectionRank(note: NavNote): [number, string] {
  if (note.data.book) return [noteCategories.length, note.data.book.slug];
  const declared = (noteCategories as readonly string[]).indexOf(note.data.category ?? '');
  return declared >= 0 ? [declared, ''] : [noteCategories.length + 1, ''];
}

const collator = new Intl.Collator('ja');
const last = (value: number | undefined) => value ?? Number.POSITIVE_INFINITY;

/**
 * Reading order: section (see `sectionRank`), then `order`, then `published_at`, then title, then
 * id (notes without an order or a date come after those with one).
 */
export function sortNotes<T extends NavNote>(notes: readonly T[]): T[] {
  const ranked = new Map(notes.map((note) => [note, sectionRank(note)]));
  return [...notes].sort((a, b) => {
    const [ra, rb] = [ranked.get(a)!, ranked.get(b)!];
    return (
      ra[0] - rb[0] ||
      (ra[1] < rb[1] ? -1 : ra[1] > rb[1] ? 1 : 0) ||
      last(a.data.order) - last(b.data.order) ||
      last(a.data.published_at?.getTime()) - last(b.data.published_at?.getTime()) ||
      collator.compare(a.data.title, b.data.title) ||
      // Last, the id, so the order never depends on the order notes were read in (Zenn puts two
      // chapters numbered alike, `3.c++.md` and `3.cpp.md`, in file-name order).
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  });
}

/** A section of the home page: a category (a book's, with its summary), and its notes in reading order. */
interface NoteGroup<T extends NavNote> {
  category: string;
  book?: { slug: string; title: string; summary: string };
  notes: T[];
}

/** The site's notes in reading order, grouped and indexed: worked out once per build, then read by every page. */
export interface SiteNavigation<T extends NavNote> {
  /** Every note in reading order. */
  sorted: T[];
  /** Notes by section (category, book or uncategorized), in section order. The home page's sections. */
  groups: NoteGroup<T>[];
  /** Each note's position in `sorted`. */
  position: ReadonlyMap<string, number>;
  /** The notes of each topic, in reading order. */
  byTopic: ReadonlyMap<string, T[]>;
  /** Where each note is in `groups`: its group's index and its index in that group. */
  place: ReadonlyMap<string, { group: number; at: number }>;
}

export function siteNavigation<T extends NavNote>(notes: readonly T[]): SiteNavigation<T> {
  const sorted = sortNotes(notes);
  const byTopic = new Map<string, T[]>();
  for (const note of sorted) {
    for (const topic of note.data.topics) {
      const list = byTopic.get(topic);
      if (list) list.push(note);
      else byTopic.set(topic, [note]);
    }
  }
  const groups: NoteGroup<T>[] = [];
  for (const note of sorted) {
    const category = categoryOf(note);
    const group = groups.at(-1)?.category === category ? groups.at(-1) : undefined;
    if (group) group.notes.push(note);
    else groups.push({ category, book: note.data.book, notes: [note] });
  }
  return {
    sorted,
    groups,
    position: new Map(sorted.map((note, index) => [note.id, index])),
    byTopic,
    place: new Map(groups.flatMap(({ notes }, group) => notes.map((note, at) => [note.id, { group, at }] as const))),
  };
}

/** The notes before and after `id` in reading order. */
export function neighbours<T extends NavNote>(nav: SiteNavigation<T>, id: string): { prev?: T; next?: T } {
  const index = nav.position.get(id);
  if (index === undefined) return {};
  return { prev: nav.sorted[index - 1], next: nav.sorted[index + 1] };
}

/** What a note page's sidebar shows: its own category, at most `max` notes of it around the current one. */
export interface SidebarView<T extends NavNote> {
  category: string;
  /** The category's section on the home page is `/#category-<index>`. */
  index: number;
  /** How many notes the category has in all. */
  total: number;
  shown: T[];
  /** The other categories, each with its home page section index. */
  others: { category: string; index: number }[];
}

/**
 * The sidebar of the note `id`: only its category's notes, and of a long category a window of
 * `max` around the note, so a page's size stays the same however many notes the site has (a
 * sidebar listing every note made the build O(N²)). The home page lists everything.
 */
export function sidebarView<T extends NavNote>(
  nav: SiteNavigation<T>,
  id: string,
  max = 25,
): SidebarView<T> | undefined {
  const place = nav.place.get(id);
  if (!place) return undefined;
  const { group: index, at } = place;
  const inCategory = nav.groups[index]!.notes;
  const start = Math.max(0, Math.min(at - Math.floor(max / 2), inCategory.length - max));
  return {
    category: nav.groups[index]!.category,
    index,
    total: inCategory.length,
    shown: inCategory.slice(start, start + max),
    others: nav.groups.map(({ category }, i) => ({ category, index: i })).filter((other) => other.index !== index),
  };
}

/** A note sharing topics with another, and the topics it shares. */
export interface SharingTopics<T extends NavNote> {
  note: T;
  shared: string[];
}

/**
 * For every note of a site, the notes sharing its topics: most shared first, then reading order,
 * at most `max`. Only the notes of its own topics are looked at, not every note; notes with the
 * same topics share one ranking, worked out once, which keeps only its best `max + 1` (one may be
 * the note itself). Sorting every note's candidates afresh cost a 10,000-note build 27 s, a topic
 * on thousands of notes making each page rank thousands.
 */
export function sharingTopicsOf<T extends NavNote>(
  nav: SiteNavigation<T>,
  max: number,
): (note: T) => SharingTopics<T>[] {
  const rankings = new Map<string, SharingTopics<T>[]>();
  const rank = (topics: ReadonlySet<string>): SharingTopics<T>[] => {
    // Before: more topics shared, then earlier in reading order (positions are unique, so the order is total).
    const before = (a: SharingTopics<T>, b: SharingTopics<T>) =>
      b.shared.length - a.shared.length || nav.position.get(a.note.id)! - nav.position.get(b.note.id)!;
    const best: SharingTopics<T>[] = [];
    for (const other of new Set([...topics].flatMap((topic) => nav.byTopic.get(topic) ?? []))) {
      const entry = { note: other, shared: other.data.topics.filter((topic) => topics.has(topic)) };
      if (best.length > max && before(entry, best.at(-1)!) >= 0) continue;
      let i = best.length;
      while (i > 0 && before(entry, best[i - 1]!) < 0) i--;
      best.splice(i, 0, entry);
      if (best.length > max + 1) best.pop();
    }
    return best;
  };
  return (note) => {
    const topics = new Set(note.data.topics);
    const key = [...topics].sort().join('\0');
    let ranking = rankings.get(key);
    if (!ranking) rankings.set(key, (ranking = rank(topics)));
    return ranking.filter((entry) => entry.note.id !== note.id).slice(0, max);
  };
}

/** Inverts each note's outgoing links: for every note, the notes that link to it (itself left out). */
export function backlinkIndex(outgoing: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [from, targets] of outgoing) {
    for (const target of new Set(targets)) {
      if (target === from) continue;
      const list = index.get(target);
      if (list) list.push(from);
      else index.set(target, [from]);
    }
  }
  return index;
}
