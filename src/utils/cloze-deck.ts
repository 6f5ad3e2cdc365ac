/**
 * The 穴埋め cards of the whole site, from what each note's Markdown pass recorded
 * (`clozeSentences`, see `markdown/cloze-cards.ts`): one card per blank, in reading order (the notes as
 * the home page lists them, each note's sentences in order). Pure; `notes/site-cloze.ts` feeds it.
 */
/** What the reader sees in place of the phrase. */
export const BLANK = '＿＿＿';

/** A phrase to blank: `[start, end)` in the sentence's text, and the card's id. */
export interface ClozeBlank {
  id: string;
  start: number;
  end: number;
}

/** One sentence with one or more phrases to ask: one card per blank, one Anki note per sentence. */
export interface ClozeSentence {
  /** Stable within the note: a hash of the text (and its occurrence). */
  id: string;
  /** Shown before the text when its only phrase is the whole sentence: `アクセスキー：`; else empty. */
  lead: string;
  text: string;
  blanks: ClozeBlank[];
  /** The id of the section's heading, or empty before the first heading. */
  anchor: string;
  /** The section's heading text, or empty before the first heading. */
  section: string;
}

/** A note's recorded sentences, with what a card says about where it comes from. */
export interface ClozeNote {
  id: string;
  title: string;
  category: string;
  /** `/notes/<id>/` */
  path: string;
  sentences: readonly ClozeSentence[];
}

export interface ClozeCard {
  /** `cloze:<note id>:<blank id>`: unchanged by a rebuild or an edit elsewhere in the note. */
  id: string;
  /** `cloze:<note id>:<sentence id>`: the cards of one sentence share it (one gives the others away). */
  key: string;
  category: string;
  /** Shown before the blank (the cue and the sentence's start). */
  before: string;
  answer: string;
  after: string;
  /** The section it comes from: `/notes/<id>/#<heading>`. */
  href: string;
  /** `IAM › アクセスキー` */
  source: string;
}

/** Where a sentence comes from: its section (or the note), as a link and as words. */
export const clozeSource = (note: ClozeNote, sentence: ClozeSentence) => ({
  href: sentence.anchor ? `${note.path}#${sentence.anchor}` : note.path,
  source: sentence.section ? `${note.title} › ${sentence.section}` : note.title,
});

export function clozeCards(notes: readonly ClozeNote[]): ClozeCard[] {
  return notes.flatMap((note) =>
    note.sentences.flatMap((sentence) =>
      sentence.blanks.map((blank) => ({
        id: `cloze:${note.id}:${blank.id}`,
        key: `cloze:${note.id}:${sentence.id}`,
        category: note.category,
        before: sentence.lead + sentence.text.slice(0, blank.start),
        answer: sentence.text.slice(blank.start, blank.end),
        after: sentence.text.slice(blank.end),
        ...clozeSource(note, sentence),
      })),
    ),
  );
}
