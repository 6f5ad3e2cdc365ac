import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { listNoteFiles, noteFilesMayHaveChanged, noteIdOf, sourceData } from '../loaders/note-sources.ts';
import { parseNote, splitFrontmatter } from '../loaders/note-text.ts';
import { noteSchema, UNCATEGORIZED } from '../schemas/note.ts';
import { notePath } from '../site-config.ts';
import { sortTerms } from './collation.ts';
import { locateTerms, termIdentity, termKey } from './definitions.ts';
import { TermMatcher } from './mentions.ts';
import type { GlossaryTerm, Place, TermDeclaration } from './types.ts';

/** Where the notes are: the project root, and the content folder relative to it (`content`). */
export interface GlossarySource {
  root: string;
  contentDir: string;
}

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

export interface Glossary {
  /** Every term, in Japanese collation order. */
  terms: GlossaryTerm[];
  matcher: TermMatcher;
  notes: Map<string, GlossaryNote>;
  /**
   * Notes that declare terms but could not be parsed (an MDX syntax error, a script), each as
   * `file:line:column: problem`. Their own compile reports them; a note that links one of their
   * terms is told which note to fix first.
   */
  unreadable: readonly string[];
  /** The note a file is, if it is one (`…/content/notes/iam.md` → `iam`). */
  noteIdOf(path: string | undefined): string | undefined;
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

type GlossaryCache = { key: string; checkedAt: number; glossary: Promise<Glossary> };
/**
 * The cache lives on `globalThis`, so every copy of this module in the process shares it: Astro
 * bundles one copy for the Markdown pass (astro.config.mjs) and another for the pages that list
 * terms (用語集, 復習), and each would build the whole glossary again.
 */
const shared = globalThis as typeof globalThis & { __studyNotesGlossaries?: Map<string, GlossaryCache> };

/**
 * The glossary of all notes under `source`, built once and reused by every note's Markdown pass
 * and every page (rebuilt only when a note file changes, for `astro dev`).
 */
export function loadGlossary(source: GlossarySource): Promise<Glossary> {
  const dir = resolve(source.root, source.contentDir);
  const caches = (shared.__studyNotesGlossaries ??= new Map());
  const cached = caches.get(dir);
  // Every note's Markdown pass asks: the files are listed and dated again only when they may have changed.
  if (cached && !noteFilesMayHaveChanged(cached.checkedAt)) return cached.glossary;
  const now = performance.now();
  const files = listNoteFiles(dir);
  // A book's config.yaml gives its chapters their category: a change to it is a change too.
  const configs = [
    ...new Set(files.filter((f) => f.startsWith('books/')).map((f) => f.split('/').slice(0, 2).join('/'))),
  ]
    .flatMap((book) => ['config.yaml', 'config.yml'].map((name) => `${book}/${name}`))
    .filter((file) => existsSync(join(dir, file)));
  const key = [...files, ...configs].map((entry) => `${entry}:${statSync(join(dir, entry)).mtimeMs}`).join('|');
  if (cached?.key === key) {
    cached.checkedAt = now;
    return cached.glossary;
  }
  const glossary = buildGlossary(source, dir, files);
  glossary.catch(() => {
    if (caches.get(dir)?.glossary === glossary) caches.delete(dir);
  });
  caches.set(dir, { key, checkedAt: now, glossary });
  return glossary;
}

/**
 * Reads every note's frontmatter, and parses only the notes that declare terms (to find their
 * definitions): parsing every note here as well cost about 2 ms per note, a tenth of the build.
 */
async function buildGlossary(source: GlossarySource, dir: string, files: readonly string[]): Promise<Glossary> {
  const notes = new Map<string, GlossaryNote>();
  const unreadable: string[] = [];
  const terms: GlossaryTerm[] = [];
  const seen = new Map<string, { term: string; place: Place }>();

  for (const entry of files) {
    const shown = relative(source.root, join(dir, entry)).split('\\').join('/');
    const { data, body, frontmatterLines, lines } = splitFrontmatter(readFileSync(join(dir, entry), 'utf8'), shown);
    const parsed = noteSchema.safeParse(sourceData(dir, entry, data as Record<string, unknown>));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${shown}:1: frontmatter ${issue.path.join('.')}: ${issue.message}`);
    }
    const id = noteIdOf(entry);
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

    const file = new VFile({ path: shown, value: body });
    let tree: Root;
    try {
      tree = await parseNote(entry, file);
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

  const noteIdOfFile = (path: string | undefined) => {
    if (!path) return undefined;
    const entry = relative(dir, isAbsolute(path) ? path : resolve(source.root, path))
      .split('\\')
      .join('/');
    if (entry.startsWith('..') || isAbsolute(entry)) return undefined;
    const id = noteIdOf(entry);
    return notes.has(id) ? id : undefined;
  };

  return { terms: sortTerms(terms), matcher: new TermMatcher(terms), notes, unreadable, noteIdOf: noteIdOfFile };
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
