/** The glossary's data: what a note declares, and a term as the site shows it. See docs/glossary.md. */

/** A `terms:` entry in a note's frontmatter, after the schema's defaults. */
export interface TermDeclaration {
  term: string;
  /** Kana reading, for sorting terms that start with kanji (一時的な… → いちじてきな…). */
  reading?: string;
  /** The heading (its text or its id) whose section defines the term. Defaults to a heading named like the term. */
  heading?: string;
  /** The one-line definition, quoted from the note. Defaults to the first sentence after the heading. */
  definition?: string;
  /** Other spellings that count as a mention (FluentBit for Fluent Bit). */
  aliases: string[];
}

/** Where something was written: a note file and a 1-based line. */
export interface Place {
  file: string;
  line: number;
}

export interface GlossaryTerm {
  term: string;
  reading?: string;
  aliases: string[];
  /** URL-safe key, unique in the glossary (`iamロール`). */
  key: string;
  noteId: string;
  noteTitle: string;
  category: string;
  /** Element id of the defining section in the note page. */
  anchor: string;
  /** `/notes/<id>/#<anchor>` */
  href: string;
  definition: string;
  declaredAt: Place;
}
