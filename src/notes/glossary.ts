import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { sortTerms } from '../glossary/collation.ts';
import { locateTerms, termIdentity, termKey } from '../glossary/definitions.ts';
import { TermMatcher } from '../glossary/mentions.ts';
import type { NoteGlossary } from '../glossary/remark-glossary-terms.ts';
import type { GlossaryTerm, Place, TermDeclaration } from '../glossary/types.ts';
import { noteSchema, UNCATEGORIZED } from '../schemas/note.ts';
import { notePath } from '../site-config.ts';
import type { NoteIndex } from './note-index.ts';
import { sourceData } from './note-sources.ts';

/** One note as the glossary sees it. */
interface GlossaryNote {
  id: string;
  /** Path from the project root, as errors name it (`content/notes/iam.md`). */
  file: string;
  title: string;
  /** Its category: a book chapter's is the book's title, none is `UNCATEGORIZED`. */
  category: string;
  /** A draft's terms are not in the glossary: its page is not published. */
  published: boolean;
  declarations: { declaration: TermDeclaration; line: number }[];
}

/**
 * The glossary: what the Markdown pass needs (`NoteGlossary`: the matcher, the notes that could not
 * be read, each note's declarations; a note that links a term of an unreadable note is told which
 * note to fix first), the terms, and every note as the glossary saw it.
 */
export interface Glossary extends NoteGlossary {
  /** Every term, in Japanese collation order. */
  terms: GlossaryTerm[];
  notes: Map<string, GlossaryNote>;
}

/** A term declared twice (or a spelling shared by two terms): the error names both places. */
class DuplicateTermError extends Error {
  constructor(term: string, first: Place, second: Place) {
    super(
      `${second.file}:${second.line}: the term "${term}" is declared twice, here and at ${first.file}:${first.line}. ` +
        'A term is declared once, in the note that defines it: remove one declaration (or rename one term); see docs/glossary.md',
    );
    this.name = 'DuplicateTermError';
  }
}

/**
 * The glossary of all notes in `notes`, built once and reused by every note's Markdown pass and
 * the pages that list terms (made again only when a note file changes, in `astro dev`).
 */
export function loadGlossary(notes: NoteIndex): Promise<Glossary> {
  return notes.derived('glossary', () => buildGlossary(notes));
}

/**
 * Reads every note's frontmatter, and parses only the notes that declare terms (to find their
 * definitions): parsing every note here as well cost about 2 ms per note, a tenth of the build.
 */
async function buildGlossary(index: NoteIndex): Promise<Glossary> {
  const notes = new Map<string, GlossaryNote>();
  const unreadable: string[] = [];
  const terms: GlossaryTerm[] = [];
  const seen = new Map<string, { term: string; place: Place }>();

  for (const entry of index.entries()) {
    const { id, shown, frontmatterLines, lines } = index.note(entry);
    const parsed = noteSchema.safeParse(sourceData(index.dir, entry, index.frontmatter(entry)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${shown}:1: frontmatter ${issue.path.join('.')}: ${issue.message}`);
    }
    const note: GlossaryNote = {
      id,
      file: shown,
      title: parsed.data.title,
      category: parsed.data.category ?? UNCATEGORIZED,
      published: parsed.data.published,
      declarations: declarationLines(parsed.data.terms ?? [], lines, frontmatterLines),
    };
    notes.set(id, note);
    if (note.declarations.length === 0 || !note.published) continue;

    let tree: Root;
    let file: VFile;
    try {
      ({ tree, file } = await index.parsed(entry));
    } catch (error) {
      // Left out, not thrown: this runs inside whichever note compiles first, and Astro would
      // report that note's file and line. The broken note's own compile fails with its own.
      unreadable.push(describeFailure(shown, error));
      continue;
    }
    for (const { declaration, anchor, definition } of locateTerms(tree, file, note.declarations)) {
      const place = { file: shown, line: note.declarations.find((d) => d.declaration === declaration)!.line };
      for (const spelling of [declaration.term, ...declaration.aliases, `key:${termKey(declaration.term)}`]) {
        const identity = spelling.startsWith('key:') ? spelling : termIdentity(spelling);
        const before = seen.get(identity);
        if (before)
          throw new DuplicateTermError(
            before.term === declaration.term ? declaration.term : `${before.term}" / "${declaration.term}`,
            before.place,
            place,
          );
        seen.set(identity, { term: declaration.term, place });
      }
      terms.push({
        term: declaration.term,
        reading: declaration.reading,
        aliases: declaration.aliases,
        key: termKey(declaration.term),
        noteId: id,
        noteTitle: parsed.data.title,
        category: note.category,
        anchor,
        href: `${notePath(id)}#${anchor}`,
        definition,
        declaredAt: place,
      });
    }
  }

  return { terms: sortTerms(terms), matcher: new TermMatcher(terms), notes, unreadable, declarationsOf };

  function declarationsOf(path: string | undefined) {
    const noteId = index.noteIdOfFile(path);
    return { noteId, declarations: (noteId && notes.get(noteId)?.declarations) || [] };
  }
}

/** `file:line:column: reason` of a parse or plugin error (a VFileMessage has the place). */
function describeFailure(file: string, error: unknown): string {
  const { line, column, reason, message } = error as {
    line?: number;
    column?: number;
    reason?: string;
    message?: string;
  };
  const text = reason ?? message ?? String(error);
  if (text.startsWith(`${file}:`)) return text;
  return `${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ${text}`;
}

/** Each declaration with the frontmatter line it is written on, for error messages. */
function declarationLines(terms: TermDeclaration[], lines: string[], frontmatterLines: number) {
  let from = lines.findIndex((line, index) => index < frontmatterLines && /^terms\s*:/.test(line));
  return terms.map((declaration) => {
    const at = lines.findIndex(
      (line, index) => index > from && index < frontmatterLines && line.includes(declaration.term),
    );
    if (at >= 0) from = at;
    return { declaration, line: (at >= 0 ? at : Math.max(from, 0)) + 1 };
  });
}
