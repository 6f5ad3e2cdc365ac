import { notePath } from '../site-config.ts';
import type { ClozeNote } from '../utils/cloze-deck.ts';
import { loadSiteNotes } from './site-notes.ts';

/** Every published note's 穴埋め sentences, in the home page's order (for 復習 and its Anki files). */
export async function siteClozeNotes(): Promise<ClozeNote[]> {
  const { nav } = await loadSiteNotes();
  return nav.groups.flatMap(({ category, notes }) =>
    notes.map((note) => ({
      id: note.id,
      title: note.data.title,
      category,
      path: notePath(note.id),
      sentences: note.recorded.clozeSentences,
    })),
  );
}
