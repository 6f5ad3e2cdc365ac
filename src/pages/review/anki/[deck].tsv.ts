import type { APIRoute, GetStaticPaths } from 'astro';
import { siteGlossary } from '../../../glossary/site-glossary.ts';
import { noteCategories } from '../../../schemas/note.ts';
import { ankiDeckSlug, ankiTsv } from '../../../utils/anki-tsv.ts';

/** `/review/anki/all.tsv` and one file per category with terms: the 復習 deck for Anki. */
export const getStaticPaths = (async () => {
  const { terms } = await siteGlossary();
  const decks = noteCategories
    .map((category, index) => ({ deck: ankiDeckSlug(index), terms: terms.filter((t) => t.category === category) }))
    .filter(({ terms }) => terms.length > 0);
  return [{ deck: ankiDeckSlug(), terms }, ...decks].map(({ deck, terms }) => ({ params: { deck }, props: { terms } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(ankiTsv(props.terms, site!), {
    headers: { 'content-type': 'text/tab-separated-values; charset=utf-8' },
  });
