import { z } from 'astro/zod';

/**
 * The site's note categories, in the order the home page and the sidebar show them: a note's
 * `category:` must be one of them (a typo is an error, not a new section). A zenn-cli book is a
 * category of its own (its title), after these; notes without a category come last, under
 * `UNCATEGORIZED`.
 */
export const noteCategories = [
  'ID・アクセス管理',
  'エッジ・配信',
  'ネットワーク',
  'CI/CD',
  'コンテナ',
  'ストリーミング・分析',
] as const;
/** The section of the notes that name no category (a pasted Zenn article, say). */
export const UNCATEGORIZED = 'その他';

/**
 * Zenn's `published_at`: `YYYY-MM-DD` or `YYYY-MM-DD HH:mm`, in Japan time. YAML may already have
 * made a date of it.
 */
const publishedAt = z.union([z.date(), z.string()]).transform((value, context) => {
  if (value instanceof Date) return value;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(value.trim());
  const date =
    match && new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4] ?? '00'}:${match[5] ?? '00'}:00+09:00`);
  if (date && !Number.isNaN(date.getTime())) return date;
  context.issues.push({
    code: 'custom',
    message: `published_at must be "YYYY-MM-DD" or "YYYY-MM-DD HH:mm" (Japan time); received ${JSON.stringify(value)}`,
    input: value,
  });
  return z.NEVER;
});

/** Topic names become URLs (`/topics/<topic>/`), so keep them to URL-friendly words. */
const topicPattern = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/** A term's name or alias: a blank one would "mention" itself at every position of every note. */
const termName = (what: string) => z.string().trim().min(1, `${what} must not be blank`);

/**
 * A glossary term: just its name when a heading of the note has that name, or an object saying
 * which heading defines it and/or quoting the defining sentence (the author's words).
 */
const termSchema = z
  .union([
    termName('a term'),
    z
      .object({
        term: termName('term'),
        reading: z
          .string()
          .regex(/^[\p{Script=Hiragana}\p{Script=Katakana}ー・ ]+$/u, 'reading is kana only')
          .optional(),
        heading: z.string().min(1).optional(),
        definition: z.string().min(1).optional(),
        aliases: z.array(termName('an alias')).default([]),
      })
      .strict(),
  ])
  .transform((entry) => (typeof entry === 'string' ? { term: entry, aliases: [] as string[] } : entry));

/**
 * A note's frontmatter: the site's fields and Zenn's (`emoji`, `type`, `published`,
 * `published_at`), so a Zenn article builds as it is. Only `title` is required.
 */
export const noteSchema = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty'),
    /** Home page, meta description, Open Graph; without it, the note's first paragraph. */
    description: z.string().trim().min(1, 'description must not be empty').optional(),
    /** One of `noteCategories` (checked below); without it, the note is listed under `UNCATEGORIZED`. */
    category: z.string().trim().min(1, 'category must not be empty').optional(),
    /** Position within the category, smallest first; without it, by `published_at`, then title. */
    order: z.number().int().nonnegative().optional(),
    topics: z
      .array(z.string().regex(topicPattern, 'a topic is letters, digits, ".", "_" or "-" (no spaces or "/")'))
      .default([]),
    references: z
      .array(z.object({ title: z.string().trim().min(1), url: z.url({ protocol: /^https?$/ }) }))
      .default([]),
    /** Terms this note defines, for the glossary (用語集) and the review deck: see docs/glossary.md. */
    terms: z.array(termSchema).optional(),
    /** `false`: the note's bold and emphasised phrases make no 穴埋め cards on 復習 (docs/glossary.md). */
    cloze: z.boolean().optional(),
    /** Last update, shown when git history is not available (a shallow clone). */
    updated: z.coerce.date().optional(),
    /** Zenn: the article's emoji, shown beside its title. */
    emoji: z.string().trim().min(1).optional(),
    /** Zenn: `tech` or `idea`. */
    type: z.enum(['tech', 'idea']).optional(),
    /** Zenn: `false` is a draft: shown in `astro dev` only, marked 下書き. */
    published: z.boolean().default(true),
    /** Zenn: when the note was (or will be) published; an empty `published_at:` is none. */
    published_at: publishedAt.nullish().transform((value) => value ?? undefined),
    /** Zenn: the publication the article belongs to (kept, not used: the site is one author's). */
    publication_name: z.string().trim().nullish(),
    /** Zenn book chapters: whether the chapter is free to read (kept, not used). */
    free: z.boolean().optional(),
    /** Set by the loader for a zenn-cli book's chapter (`src/notes/note-sources.ts`), not by authors. */
    book: z.object({ slug: z.string(), title: z.string(), summary: z.string() }).strict().optional(),
  })
  .strict()
  .superRefine((note, context) => {
    if (note.category === undefined || note.book || (noteCategories as readonly string[]).includes(note.category))
      return;
    context.issues.push({
      code: 'custom',
      path: ['category'],
      message: `category must be one of ${noteCategories.map((c) => `"${c}"`).join(', ')}; received ${JSON.stringify(note.category)}`,
      input: note.category,
    });
  });
