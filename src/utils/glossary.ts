import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Link, Nodes, Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified, type Pluggable } from 'unified';
import { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { NOTES_DIR } from '../consts.ts';
import { noteSchema, type NoteCategory } from '../schemas/note.ts';
import {
  TermMatcher,
  linkTerms,
  locateTerms,
  notePath,
  sortTerms,
  termIdentity,
  termKey,
  type GlossaryTerm,
  type LinkedTerm,
  type LocatedTerm,
  type Place,
  type TermDeclaration,
} from './glossary-core.ts';

export type { GlossaryTerm } from './glossary-core.ts';

/** One note as the glossary sees it. */
export interface GlossaryNote {
  id: string;
  /** Path from the project root, as errors name it (`content/notes/iam.mdx`). */
  file: string;
  title: string;
  category: NoteCategory;
  order: number;
  topics: string[];
  declarations: { declaration: TermDeclaration; line: number }[];
  /**
   * Notes this note links to: by term mentions and by plain links to `/notes/<id>/`. Filled by
   * `recordLinks` (the site's Markdown pass), or by parsing the note when backlinks are first asked for.
   */
  linksTo: Set<string>;
}

export interface Glossary {
  /** Every term, in Japanese collation order. */
  terms: GlossaryTerm[];
  matcher: TermMatcher;
  notes: Map<string, GlossaryNote>;
  /**
   * Notes that declare terms but could not be parsed (an MDX syntax error, a script), each as
   * `file:line:column: problem`. Their own compile reports them; a note that
   * links one of their terms is told which note to fix first.
   */
  unreadable: readonly string[];
  /** The note a file is, if it is one (`…/content/notes/iam.mdx` → `iam`). */
  noteIdOf(path: string | undefined): string | undefined;
  /**
   * Keeps what the site's Markdown pass found in a note (its tree, with the terms it linked), so
   * that `backlinks` need not parse that note a second time.
   */
  recordLinks(id: string, tree: Root, linked: readonly LinkedTerm[]): void;
  /** Ids of the notes that link to `id`. */
  backlinks(id: string): Promise<string[]>;
}

/** A term declared twice (or a spelling shared by two terms): the error names both places. */
export class DuplicateTermError extends Error {
  constructor(term: string, first: Place, second: Place) {
    super(
      `${second.file}:${second.line}: the term "${term}" is declared twice, here and at ${first.file}:${first.line}. ` +
        'A term is declared once, in the note that defines it: remove one declaration (or rename one term); see docs/glossary.md',
    );
    this.name = 'DuplicateTermError';
  }
}

type GlossaryCache = { dir: string; key: string; checkedAt: number; glossary: Promise<Glossary> };
/**
 * The cache lives on `globalThis`, so every copy of this module in the process shares it: Astro
 * bundles one copy for the Markdown pass and another for rendering the pages, and each built the
 * whole glossary again.
 */
const shared = globalThis as typeof globalThis & { __awsMemoGlossary?: GlossaryCache };

/**
 * How long a check that the notes are unchanged holds. Every note page and every note's Markdown
 * pass asks for the glossary; stating every note file on each ask made a build of N notes do N²
 * stats (minutes at 5,000 notes). `astro dev` still sees an edit on the next load after this.
 */
const RECHECK_MS = 1000;

/**
 * The glossary of all notes in `dir`, built once and reused by every page and every note's
 * Markdown pass (rebuilt only when a note file changes, for `astro dev`).
 */
export function loadGlossary(notesDir = NOTES_DIR): Promise<Glossary> {
  const dir = resolve(process.cwd(), notesDir);
  const now = performance.now();
  const cached = shared.__awsMemoGlossary;
  if (cached?.dir === dir && now - cached.checkedAt < RECHECK_MS) return cached.glossary;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .sort();
  const key = [dir, ...files.map((name) => `${name}:${statSync(resolve(dir, name)).mtimeMs}`)].join('|');
  if (cached?.key !== key) {
    const glossary = buildGlossary(dir, files);
    glossary.catch(() => {
      if (shared.__awsMemoGlossary?.glossary === glossary) shared.__awsMemoGlossary = undefined;
    });
    shared.__awsMemoGlossary = { dir, key, checkedAt: now, glossary };
    return glossary;
  }
  cached.checkedAt = now;
  return cached.glossary;
}

/** The remark plugins that run before the glossary's, so it reads the tree the site renders. */
async function pipelinePrefix(): Promise<Pluggable[]> {
  const [{ remarkPlugins }, { remarkGlossaryTerms }] = await Promise.all([
    import('../integrations/markdown-pipeline.ts'),
    import('../integrations/remark-glossary-terms.ts'),
  ]);
  const plugins = remarkPlugins as Pluggable[];
  const at = plugins.findIndex((entry) => (Array.isArray(entry) ? entry[0] : entry) === remarkGlossaryTerms);
  return at < 0 ? plugins : plugins.slice(0, at);
}

/** Parses a note as the site does, up to the glossary's own plugin. */
const createParser = async () =>
  unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(await pipelinePrefix());

/**
 * Reads every note's frontmatter, and parses only the notes that declare terms (to find their
 * definitions). Which notes link where is learnt from the site's own Markdown pass
 * (`recordLinks`), which parses every note anyway; a note it has not recorded (`astro dev`
 * compiles notes on demand, a test has no Markdown pass) is parsed when backlinks are first asked
 * for. Parsing every note here as well cost about 2 ms per note, a tenth of the build.
 */
async function buildGlossary(dir: string, files: string[]): Promise<Glossary> {
  let parser: ReturnType<typeof createParser> | undefined;
  const parse = async (note: GlossaryNote, body: string) => {
    const processor = await (parser ??= createParser());
    const file = new VFile({ path: note.file, value: body });
    return { tree: (await processor.run(processor.parse(file), file)) as Root, file };
  };
  const notes = new Map<string, GlossaryNote>();
  const unreadable: string[] = [];
  const declaring = new Map<string, { tree: Root; file: VFile; located: LocatedTerm[] }>();
  const terms: GlossaryTerm[] = [];
  const seen = new Map<string, { term: string; place: Place }>();

  for (const name of files) {
    const absolute = resolve(dir, name);
    const shown = relative(process.cwd(), absolute).split(sep).join('/');
    const { data, body, frontmatterLines, lines } = splitFrontmatter(readFileSync(absolute, 'utf8'), shown);
    const parsed = noteSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${shown}:1: frontmatter ${issue.path.join('.')}: ${issue.message}`);
    }
    const id = basename(name, '.mdx');
    const note: GlossaryNote = {
      id,
      file: shown,
      title: parsed.data.title,
      category: parsed.data.category,
      order: parsed.data.order,
      topics: parsed.data.topics,
      declarations: declarationLines(parsed.data.terms ?? [], lines, frontmatterLines),
      linksTo: new Set(),
    };
    notes.set(id, note);
    if (note.declarations.length === 0) continue;

    let syntaxTree: Awaited<ReturnType<typeof parse>>;
    try {
      syntaxTree = await parse(note, body);
    } catch (error) {
      // Left out, not thrown: this runs inside whichever note compiles first, and Astro would
      // report that note's file and line. The broken note's own compile fails with its own.
      unreadable.push(describeFailure(note.file, error));
      continue;
    }
    const { tree, file } = syntaxTree;
    const located = locateTerms(tree, file, note.declarations);
    declaring.set(id, { tree, file, located });
    for (const { declaration, anchor, definition } of located) {
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
        category: parsed.data.category,
        anchor,
        href: `${notePath(id)}#${anchor}`,
        definition,
        declaredAt: place,
      });
    }
  }

  const matcher = new TermMatcher(terms);
  const recorded = new Set<string>();
  const recordLinks = (id: string, tree: Root, linked: readonly LinkedTerm[]) => {
    const note = notes.get(id);
    if (!note) return;
    for (const target of [...linked.map(({ term }) => term.noteId), ...linkedNoteIds(tree)]) {
      if (target !== id && notes.has(target)) note.linksTo.add(target);
    }
    recorded.add(id);
  };
  const linkNote = (id: string, tree: Root, file: VFile, located: readonly LocatedTerm[] = []) =>
    recordLinks(id, tree, linkTerms(tree, file, { matcher, noteId: id, located, mutate: false }));
  for (const [id, { tree, file, located }] of declaring) linkNote(id, tree, file, located);

  let linkedFrom: Promise<Map<string, string[]>> | undefined;
  const backlinkIndex = async () => {
    const index = new Map<string, string[]>();
    for (const note of notes.values()) {
      if (!recorded.has(note.id)) {
        const { body } = splitFrontmatter(readFileSync(resolve(dir, `${note.id}.mdx`), 'utf8'), note.file);
        const { tree, file } = await parse(note, body);
        linkNote(note.id, tree, file);
      }
      for (const target of note.linksTo) {
        if (!index.has(target)) index.set(target, []);
        index.get(target)!.push(note.id);
      }
    }
    return index;
  };

  const noteIdOf = (path: string | undefined) => {
    if (!path) return undefined;
    const rel = relative(dir, isAbsolute(path) ? path : resolve(process.cwd(), path));
    if (rel.startsWith('..') || isAbsolute(rel) || !rel.endsWith('.mdx')) return undefined;
    const id = basename(rel, '.mdx');
    return notes.has(id) ? id : undefined;
  };

  return {
    terms: sortTerms(terms),
    matcher,
    notes,
    unreadable,
    noteIdOf,
    recordLinks,
    backlinks: async (id) => {
      linkedFrom ??= backlinkIndex();
      return (await linkedFrom).get(id) ?? [];
    },
  };
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

/** Frontmatter data, and the body with the frontmatter blanked so line numbers stay the file's. */
function splitFrontmatter(source: string, shown: string) {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') return { data: {}, body: source, frontmatterLines: 0, lines };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) throw new Error(`${shown}:1: the frontmatter is not closed with "---"`);
  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, end).join('\n')) ?? {};
  } catch (error) {
    throw new Error(`${shown}: the frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  const body = [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
  return { data, body, frontmatterLines: end + 1, lines };
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

/** Ids of notes a tree links to with ordinary links (`/notes/iam/`, `/notes/iam/#…`). */
function linkedNoteIds(tree: Root): string[] {
  const ids: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'link') {
      const match = /^\/notes\/([^/#?]+)\/?/.exec((node as Link).url);
      if (match) ids.push(decodeURIComponent(match[1]!));
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return ids;
}
