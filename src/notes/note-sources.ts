import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { slug } from 'github-slugger';
import { z } from 'astro/zod';
import { parseDocument } from 'yaml';
import { ContentError } from '../markdown/content-error.ts';
import { toSlashPath } from '../utils/slash-path.ts';

/**
 * Where notes come from, inside the content folder (`content/`):
 *
 * ```text
 * notes/**\/<name>.md|.mdx        the site's own notes           → /notes/<name>/
 * articles/<slug>.md              zenn-cli articles              → /notes/<slug>/
 * books/<book>/config.yaml        a zenn-cli book: its title is the chapters' category
 * books/<book>/<chapter>.md       its chapters, in the book's order → /notes/<book>/<chapter>/
 * ```
 *
 * One module decides which files are notes, their ids, and what a book gives its chapters; the
 * collection loader, the glossary and the link check all ask it.
 */

/** File extensions that are notes: `.md` is Zenn's Markdown, `.mdx` Markdown with JSX. */
const noteExtensions = ['.md', '.mdx'] as const;

const isNoteFile = (name: string) => noteExtensions.some((extension) => name.endsWith(extension));
const isHidden = (entry: string) => entry.split('/').some((segment) => segment.startsWith('.'));

/** The glob patterns (relative to the content folder) of every note file, for Astro's glob loader. */
export const notePatterns = [
  ...noteExtensions.map((extension) => `notes/**/*${extension}`),
  ...noteExtensions.map((extension) => `articles/*${extension}`),
  'books/*/*.md',
];

/** The note files in `contentDir`, as sorted paths relative to it with `/` (hidden files and folders left out). */
export function listNoteFiles(contentDir: string): string[] {
  const read = (dir: string, recursive: boolean) => {
    try {
      return readdirSync(join(contentDir, dir), { recursive, encoding: 'utf8' }).map(
        (entry) => `${dir}/${toSlashPath(entry)}`,
      );
    } catch {
      return []; // no such folder
    }
  };
  const books = read('books', false).filter((dir) => isDirectory(join(contentDir, dir)) && !isHidden(dir));
  return [
    ...read('notes', true),
    ...read('articles', false),
    ...books.flatMap((book) => bookFiles(contentDir, book, read(book, false)).chapters),
  ]
    .filter((entry) => isNoteFile(entry) && !isHidden(entry))
    .sort();
}

/**
 * The `.md` files of `books/<book>/` that Zenn would not publish as chapters (not in the config's
 * `chapters`, or without it not named `<n>.<slug>.md`). zenn-cli lists them apart, as left out of
 * the book; here they are not notes at all: never built, never checked.
 */
export function ignoredBookFiles(contentDir: string): string[] {
  let books: string[];
  try {
    books = readdirSync(join(contentDir, 'books'));
  } catch {
    return []; // no books/
  }
  return books
    .filter((book) => !book.startsWith('.') && isDirectory(join(contentDir, 'books', book)))
    .flatMap((book) => {
      const entries = readdirSync(join(contentDir, 'books', book)).map((file) => `books/${book}/${file}`);
      return bookFiles(contentDir, `books/${book}`, entries).ignored;
    })
    .sort();
}

/** A book's `.md` files split into its chapters and the files Zenn ignores (see `chapterPosition`). */
function bookFiles(contentDir: string, dir: string, entries: string[]) {
  const markdown = entries.filter((entry) => entry.endsWith('.md') && !isHidden(entry));
  let book: Book;
  try {
    book = readBook(contentDir, dir.slice('books/'.length));
  } catch {
    // A missing or broken config.yaml: every file stays, so the loader reports the config.
    return { chapters: markdown, ignored: [] };
  }
  const isChapter = (entry: string) => chapterPosition(book, entry.slice(dir.length + 1)) !== undefined;
  return { chapters: markdown.filter(isChapter), ignored: markdown.filter((entry) => !isChapter(entry)) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A note's id (its URL is `/notes/<id>/`) from its path in the content folder, each part slugged
 * as GitHub slugs headings (as Astro's glob loader does): `notes/aws/My Note.mdx` → `aws/my-note`,
 * `articles/zenn-intro.md` → `zenn-intro`, `books/aws-book/1.intro.md` → `aws-book/intro`.
 * The path is read in composed Unicode (NFC) first: macOS writes file names decomposed (NFD,
 * `ガ` as `カ` + U+3099), and a link typed in a note is composed.
 */
export function noteIdOf(entry: string): string {
  const [source = '', ...rest] = entry.normalize('NFC').split('/');
  let parts = rest;
  if (source === 'books') {
    const [book = '', file = ''] = rest;
    parts = [book, chapterSlugOf(file)];
  }
  return parts
    .map((part, index) => (index === parts.length - 1 ? part.replace(/\.[^./]+$/, '') : part))
    .map((part) => slug(part))
    .join('/')
    .replace(/(^|\/)index$/, '');
}

/** Zenn names a chapter `<position>.<slug>.md` when the book's config lists no chapters. */
const numbered = /^(\d+)\.([^.]+)\.md$/;
const chapterSlugOf = (file: string) => numbered.exec(file)?.[2] ?? file.replace(/\.md$/, '');

/** A zenn-cli book's `config.yaml` (https://zenn.dev/zenn/articles/zenn-cli-guide#本の作成). */
const bookConfigSchema = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty'),
    summary: z.string().default(''),
    topics: z.array(z.string()).default([]),
    published: z.boolean().default(true),
    price: z.number().optional(),
    toc_depth: z.number().optional(),
    /** Chapter slugs (file names without `.md`) in reading order; without it, `<n>.<slug>.md` names give the order. */
    chapters: z.array(z.string()).optional(),
  })
  .strict();

export interface Book {
  slug: string;
  title: string;
  summary: string;
  topics: string[];
  published: boolean;
  chapters?: string[];
}

/** The book at `content/books/<slug>/`, read from its `config.yaml` (or `config.yml`). */
export function readBook(contentDir: string, bookSlug: string): Book {
  const dir = join(contentDir, 'books', bookSlug);
  const name = ['config.yaml', 'config.yml'].find((file) => isFile(join(dir, file)));
  const shown = `books/${bookSlug}/${name ?? 'config.yaml'}`;
  if (!name) {
    throw new ContentError(
      shown,
      1,
      `the book "${bookSlug}" has no config.yaml`,
      'Add one with at least "title:" (zenn-cli: npx zenn new:book)',
    );
  }
  const text = readFileSync(join(dir, name), 'utf8');
  const document = parseDocument(text);
  if (document.errors.length) {
    const [error] = document.errors;
    throw new ContentError(shown, error!.linePos?.[0]?.line ?? 1, `not valid YAML: ${error!.message}`, 'Fix the YAML');
  }
  const parsed = bookConfigSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    const line = text.split('\n').findIndex((row) => row.startsWith(`${field}:`)) + 1 || 1;
    const problem = issue.code === 'unrecognized_keys' ? `unknown field "${issue.keys.join('", "')}"` : issue.message;
    throw new ContentError(
      shown,
      line,
      `${field ? `${field}: ` : ''}${problem}`,
      'A book takes title, summary, topics, published, price, toc_depth and chapters',
    );
  }
  return { slug: bookSlug, ...parsed.data };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a chapter stands in its book, or undefined when Zenn would not publish it (zenn-cli's
 * `getChapterPositionAndSlug`): with a `chapters` list, its index there (0-based) or nothing when
 * not listed; without one, the `<n>` of `<n>.<slug>.md` (`1.about.md` → 1), or nothing for any
 * other name (`conclusion.md`, `9.md`, `1.a.b.md`).
 */
export function chapterPosition(book: Book, file: string): number | undefined {
  if (book.chapters?.length) {
    const at = book.chapters.indexOf(file.replace(/\.md$/, ''));
    return at >= 0 ? at : undefined;
  }
  const match = numbered.exec(file);
  return match ? Number(match[1]) : undefined;
}

/** What a note's source adds to its frontmatter: a book chapter gets its book, category, order and topics. */
export function sourceData(contentDir: string, entry: string, data: Record<string, unknown>): Record<string, unknown> {
  const [source, bookSlug, file] = entry.split('/');
  if (source !== 'books' || !bookSlug || !file) return data;
  const book = readBook(contentDir, bookSlug);
  const position = chapterPosition(book, file);
  return {
    ...data,
    book: { slug: book.slug, title: book.title, summary: book.summary },
    category: book.title,
    order: position ?? Number.MAX_SAFE_INTEGER,
    topics: data.topics ?? book.topics,
    // Zenn publishes a chapter only when the book is published and lists (or numbers) the chapter.
    published: book.published && position !== undefined && data.published !== false,
  };
}
