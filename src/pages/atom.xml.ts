import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRoute } from 'astro';
import { root } from 'astro:config/server';
import { getCollection } from 'astro:content';
import { SITE_DESCRIPTION, SITE_TITLE } from '../consts.ts';
import { ATOM_TYPE, atomFeed } from '../utils/atom-feed.ts';
import { lastUpdated } from '../utils/git-dates.ts';
import { notePath } from '../site-config.ts';

/** `/atom.xml`: the notes by last update (git, else frontmatter `updated`, else the file's time). */
export const GET: APIRoute = async ({ site, url }) => {
  const cwd = fileURLToPath(root);
  const notes = await getCollection('notes');
  const body = atomFeed({
    title: SITE_TITLE,
    subtitle: SITE_DESCRIPTION,
    home: new URL('/', site).href,
    self: new URL(url.pathname, site).href,
    author: SITE_TITLE,
    entries: notes.map((note) => ({
      title: note.data.title,
      url: new URL(notePath(note.id), site).href,
      updated: note.filePath
        ? (lastUpdated(note.filePath, note.data.updated, cwd)?.date ?? statSync(join(cwd, note.filePath)).mtime)
        : (note.data.updated ?? new Date(0)),
      summary: note.data.description,
      category: note.data.category,
    })),
  });
  return new Response(body, { headers: { 'content-type': `${ATOM_TYPE}; charset=utf-8` } });
};
