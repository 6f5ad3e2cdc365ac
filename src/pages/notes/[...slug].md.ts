import type { APIRoute, GetStaticPaths } from 'astro';
import { notePath } from '../../site-config.ts';
import { noteMarkdown } from '../../utils/llms-txt.ts';
import { loadSiteNotes, type Note } from '../../notes/site-notes.ts';

/** `/notes/<id>.md`: each published note's Markdown (its source, frontmatter reduced to title and URL). */
export const getStaticPaths = (async () =>
  (await loadSiteNotes()).notes.map((note) => ({
    params: { slug: note.id },
    props: { note },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ note: Note }> = ({ props: { note }, site }) => {
  // Astro keeps no body for a note that is frontmatter only (a chapter still to be written).
  const body = noteMarkdown({
    title: note.data.title,
    url: new URL(notePath(note.id), site).href,
    body: note.body ?? '',
  });
  return new Response(body, { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
};
