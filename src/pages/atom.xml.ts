import type { APIRoute } from 'astro';
import { SITE_DESCRIPTION, SITE_TITLE } from '../consts.ts';
import { notePath } from '../site-config.ts';
import { ATOM_TYPE, atomFeed } from '../utils/atom-feed.ts';
import { categoryOf } from '../utils/navigation.ts';
import { loadSiteNotes } from '../notes/site-notes.ts';

/**
 * `/atom.xml`: the published notes by last update, the date each note's page shows (`lastUpdated`
 * in git-dates.ts). A note without one (not in git's history, no frontmatter `updated`) has no
 * place in a list of what changed lately, so it is left out.
 */
export const GET: APIRoute = async ({ site, url }) => {
  const { pages } = await loadSiteNotes();
  const body = atomFeed({
    title: SITE_TITLE,
    subtitle: SITE_DESCRIPTION,
    home: new URL('/', site).href,
    self: new URL(url.pathname, site).href,
    author: SITE_TITLE,
    entries: pages.flatMap(({ note, lastUpdated }) =>
      lastUpdated
        ? [
            {
              title: note.data.title,
              url: new URL(notePath(note.id), site).href,
              updated: lastUpdated.date,
              summary: note.description,
              category: categoryOf(note),
            },
          ]
        : [],
    ),
  });
  return new Response(body, { headers: { 'content-type': `${ATOM_TYPE}; charset=utf-8` } });
};
