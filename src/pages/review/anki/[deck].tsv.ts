import type { APIRoute, GetStaticPaths } from 'astro';
import { glossaryTerms } from 'virtual:glossary';
import { ankiClozeTsv, ankiDecks, ankiTsv } from '../../../utils/anki-tsv.ts';
import { siteClozeNotes } from '../../../notes/site-cloze.ts';

/**
 * The 復習 deck for Anki: `/review/anki/all.tsv` and one file per category with terms, and beside
 * them the 穴埋め deck in Anki's cloze notes, `all-cloze.tsv` and one per category with any.
 */
export const getStaticPaths = (async () => {
  const terms = await glossaryTerms();
  const clozeNotes = (await siteClozeNotes()).filter((note) => note.sentences.length > 0);
  return [
    ...ankiDecks(terms, 'terms').map(({ slug, items }) => ({
      params: { deck: slug },
      props: { terms: items, cloze: undefined },
    })),
    ...ankiDecks(clozeNotes, 'cloze').map(({ slug, items }) => ({
      params: { deck: slug },
      props: { terms: undefined, cloze: items },
    })),
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(props.cloze ? ankiClozeTsv(props.cloze, site!) : ankiTsv(props.terms!, site!), {
    headers: { 'content-type': 'text/tab-separated-values; charset=utf-8' },
  });
