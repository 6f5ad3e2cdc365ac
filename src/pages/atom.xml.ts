import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRoute } from 'astro';
import { root } from 'astro:config/server';
import { SITE_DESCRIPTION, SITE_TITLE } from '../consts.ts';
import { notePath } from '../site-config.ts';
import { ATOM_TYPE, atomFeed } from '../utils/atom-feed.ts';
import { categoryOf } from '../utils/navigation.ts';
import { loadSiteNotes } from '../utils/site-notes.ts';

/** `/atom.xml`: the published notes by last update (git, else frontmatter `updated`, else the file's time). */
export const GET: APIRoute = async ({ site, url }) => {
  const cwd = fileURLToPath(root);
  const { pages } = await loadSiteNotes();
  const body = atomFeed({
    title: SITE_TITLE,
    subtitle: SITE_DESCRIPTION,
    home: new URL('/', site).href,
    self: new URL(url.pathname, site).href,
    author: SITE_TITLE,
    entries: pages.map(({ note, lastUpdated }) => ({
      title: note.data.title,
      url: new URL(notePath(note.id), site).href,
      updated:
        lastUpdated?.date ??
        (note.filePath ? statSync(join(cwd, note.filePath)).mtime : (note.data.published_at ?? new Date(0))),
      summary: note.description,
      category: categoryOf(note),
    })),
  });
  return new Response(body, { headers: { 'content-type': `${ATOM_TYPE}; charset=utf-8` } });
};
