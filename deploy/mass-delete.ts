/**
 * The guard against a deploy that would wipe the site: a build from an empty notes folder still
 * has index.html, so nothing else stops `--prune` from deleting every note. Pure, no I/O.
 */

/** Removing more than this share of the live site's HTML pages needs --allow-mass-delete. */
const MASS_DELETE_SHARE = 0.1;

export const isPage = (key: string) => key.endsWith('.html');
/** `notes/<id>/index.html`: the build's note pages (src/pages/notes/[...id].astro). */
const isNotePage = (key: string) => /^notes\/[^/]+\/index\.html$/.test(key);

export interface MassDelete {
  /** The pages that would go, sorted. */
  pages: string[];
  livePages: number;
  why: string;
}

/**
 * Returns what makes removing `removed` from a site whose objects are `live` a mass delete, or
 * undefined when it is an ordinary clean-up: more than 10% of the live pages, or any page at all
 * when the new build has no note.
 */
export function massDelete(
  buildKeys: readonly string[],
  live: readonly string[],
  removed: readonly string[],
): MassDelete | undefined {
  const pages = removed.filter(isPage).sort();
  if (!pages.length) return undefined;
  const livePages = live.filter(isPage).length;
  if (!buildKeys.some(isNotePage)) {
    return { pages, livePages, why: 'the build has no notes (is content/notes/ empty?)' };
  }
  if (pages.length > livePages * MASS_DELETE_SHARE) {
    return {
      pages,
      livePages,
      why: `that is more than ${MASS_DELETE_SHARE * 100}% of the ${livePages} pages the site has`,
    };
  }
  return undefined;
}

/** The refusal: what would go, why that looks wrong, and how to go ahead if it is meant. */
export function formatMassDelete(risk: MassDelete, action: string, override: string): string {
  return [
    `Refusing to ${action} ${risk.pages.length} of the site's ${risk.livePages} page(s): ${risk.why}. These pages would go:`,
    ...risk.pages.map((key) => `  ${key}`),
    `Nothing was changed. Check the build; if you mean to remove them, run again with ${override}.`,
  ].join('\n');
}
