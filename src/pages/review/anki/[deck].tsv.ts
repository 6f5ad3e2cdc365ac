import type { APIRoute, GetStaticPaths } from 'astro';
import { glossaryTerms } from 'virtual:glossary';
import { noteCategories } from '../../../schemas/note.ts';
import { ankiClozeTsv, ankiDeckSlug, ankiTsv } from '../../../utils/anki-tsv.ts';
import { siteClozeNotes } from '../../../utils/site-cloze.ts';

/**
 * The 復習 deck for Anki: `/review/anki/all.tsv` and one file per category with terms, and beside
 * them the 穴埋め deck in Anki's cloze notes, `all-cloze.tsv` and one per category with any.
 */
export const getStaticPaths = (async () => {
  const terms = await glossaryTerms();
  const clozeNotes = (await siteClozeNotes()).filter((note) => note.sentences.length > 0);
  const byCategory = noteCategories.map((category, index) => ({
    index,
    terms: terms.filter((t) => t.category === category),
    cloze: clozeNotes.filter((n) => n.category === category),
  }));
  const termDecks = [
    { deck: ankiDeckSlug(), terms },
    ...byCategory.filter((c) => c.terms.length > 0).map((c) => ({ deck: ankiDeckSlug(c.index), terms: c.terms })),
  ];
  const clozeDecks = [
    { deck: ankiDeckSlug(undefined, 'cloze'), cloze: clozeNotes },
    ...byCategory
      .filter((c) => c.cloze.length > 0)
      .map((c) => ({ deck: ankiDeckSlug(c.index, 'cloze'), cloze: c.cloze })),
  ];
  return [
    ...termDecks.map(({ deck, terms }) => ({ params: { deck }, props: { terms, cloze: undefined } })),
    ...clozeDecks.map(({ deck, cloze }) => ({ params: { deck }, props: { terms: undefined, cloze } })),
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(props.cloze ? ankiClozeTsv(props.cloze, site!) : ankiTsv(props.terms!, site!), {
    headers: { 'content-type': 'text/tab-separated-values; charset=utf-8' },
  });
