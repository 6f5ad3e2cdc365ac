/** Shapes Pagefind's result data into what the dialog lists. Pure, unit-tested. */
import { parseExcerpt, type TextRun } from './excerpt.ts';
import { containsAllParts } from './query.ts';

interface WeightedLocation {
  weight: number;
  balanced_score: number;
  location: number;
}

export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  anchor?: { element: string; id: string; text?: string; location: number };
  weighted_locations?: WeightedLocation[];
  locations?: number[];
}

export interface PagefindResultData {
  url: string;
  excerpt: string;
  /** The page's indexed text. */
  content?: string;
  meta: Record<string, string | undefined>;
  filters?: Record<string, string[]>;
  sub_results?: PagefindSubResult[];
}

interface ResultSection {
  title: string;
  url: string;
  excerpt: TextRun[];
}

export interface ShapedResult {
  title: string;
  category: string | undefined;
  /** Where the title link goes: the best-matching section, or the page. */
  url: string;
  /** The heading of that best section, when it is one. */
  section: string | undefined;
  excerpt: TextRun[];
  /** Other matching sections (headings with ids), best first. */
  sections: ResultSection[];
}

/**
 * How strongly a section matches: its hits' weighted scores summed (a hit in a heading counts
 * most). The part before the first heading (no anchor) holds the note's title, which matches
 * "ポート" on every page about ports: there only hits in body text (weight 1) count, so a title
 * hit never pulls the reader back to the top of the page, away from the section about it.
 */
export function sectionScore(sub: PagefindSubResult): number {
  const hits = (sub.weighted_locations ?? []).filter((l) => sub.anchor || l.weight <= 1);
  if (sub.weighted_locations) return hits.reduce((sum, l) => sum + l.balanced_score, 0);
  return sub.locations?.length ?? 0;
}

/** Only same-origin paths are followed: anything else falls back to `fallback`. */
export function safePath(url: string, fallback: string): string {
  return /^\/(?![/\\])/.test(url) ? url : fallback;
}

/**
 * `query` (normalised) ranks first the sections whose excerpt holds every word of it: Pagefind
 * matches ホストポート as ホスト + ポート, and the section that says ホストポート beats the
 * heading "ホストとは".
 */
export function shapeResult(data: PagefindResultData, query = '', maxSections = 3): ShapedResult {
  const page = safePath(data.url, '/');
  const subs = (data.sub_results ?? [])
    .map((sub, order) => ({
      sub,
      order,
      whole:
        query !== '' &&
        containsAllParts(
          parseExcerpt(sub.excerpt)
            .map((run) => run.text)
            .join(''),
          query,
        ),
      score: sectionScore(sub),
    }))
    .sort((a, b) => Number(b.whole) - Number(a.whole) || b.score - a.score || a.order - b.order);
  const best = subs[0]?.sub;
  // The best section is the title link's target; the list holds the other matching sections.
  const sections = subs
    .filter(({ sub }) => sub.anchor?.id && sub !== best)
    .slice(0, maxSections)
    .map(({ sub }) => ({ title: sub.title.trim(), url: safePath(sub.url, page), excerpt: parseExcerpt(sub.excerpt) }));
  return {
    title: data.meta.title?.trim() || page,
    category: data.filters?.category?.[0],
    url: best ? safePath(best.url, page) : page,
    section: best?.anchor?.id ? best.title.trim() : undefined,
    excerpt: parseExcerpt(best?.excerpt ?? data.excerpt),
    sections,
  };
}
