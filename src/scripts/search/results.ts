/** Shapes Pagefind's result data into what the dialog lists. Pure, unit-tested. */
import { parseExcerpt, type TextRun } from './excerpt.ts';
import { HIGHLIGHT_PARAM } from './highlight-param.ts';
import { highlightTerms, missingWords } from './query.ts';

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
 * `url` (a same-origin path) marking `terms` in the note it opens: Pagefind's own `?pf=` names
 * every word it was asked, particles too, and would mark each の in the note.
 */
export function withHighlight(url: string, terms: readonly string[]): string {
  if (terms.length === 0) return url;
  const [beforeHash, hash] = splitOnce(url, '#');
  const [path, search] = splitOnce(beforeHash, '?');
  const params = new URLSearchParams(search);
  params.delete(HIGHLIGHT_PARAM);
  for (const term of terms) params.append(HIGHLIGHT_PARAM, term);
  return `${path}?${params}${hash === undefined ? '' : `#${hash}`}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * `words` (what the page was matched on, see `queryWords`) rank first the sections whose
 * excerpt holds each of them the page holds: Pagefind matches ホストポート as ホスト + ポート,
 * and the section that says ホストポート beats the heading "ホストとは". Links mark those words
 * in the note.
 */
export function shapeResult(data: PagefindResultData, words: readonly string[] = [], maxSections = 3): ShapedResult {
  // Words no note holds (…の役割) are in no excerpt either: they do not count.
  const lacking = new Set(data.content === undefined ? [] : missingWords(data.content, words));
  const held = words.filter((word) => !lacking.has(word));
  const terms = highlightTerms(held, data.content ?? '');
  const link = (url: string, fallback: string) => withHighlight(safePath(url, fallback), terms);
  const page = safePath(data.url, '/');
  const subs = (data.sub_results ?? [])
    .map((sub, order) => ({
      sub,
      order,
      whole:
        held.length > 0 &&
        missingWords(
          parseExcerpt(sub.excerpt)
            .map((run) => run.text)
            .join(''),
          held,
        ).length === 0,
      score: sectionScore(sub),
    }))
    .sort((a, b) => Number(b.whole) - Number(a.whole) || b.score - a.score || a.order - b.order);
  const best = subs[0]?.sub;
  // The best section is the title link's target; the list holds the other matching sections.
  const sections = subs
    .filter(({ sub }) => sub.anchor?.id && sub !== best)
    .slice(0, maxSections)
    .map(({ sub }) => ({ title: sub.title.trim(), url: link(sub.url, page), excerpt: parseExcerpt(sub.excerpt) }));
  return {
    title: data.meta.title?.trim() || page,
    category: data.filters?.category?.[0],
    url: best ? link(best.url, page) : link(page, '/'),
    section: best?.anchor?.id ? best.title.trim() : undefined,
    excerpt: parseExcerpt(best?.excerpt ?? data.excerpt),
    sections,
  };
}
