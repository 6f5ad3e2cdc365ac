import { z } from 'astro/zod';

/**
 * Note categories, in the order the home page and the sidebar show them. One list is the source
 * of the schema, the type and the guard.
 */
export const noteCategories = [
  'ID・アクセス管理',
  'エッジ・配信',
  'ネットワーク',
  'CI/CD',
  'コンテナ',
  'ストリーミング・分析',
] as const;
export type NoteCategory = (typeof noteCategories)[number];

/** Topic names become URLs (`/topics/<topic>/`), so keep them to URL-friendly words. */
const topicPattern = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/**
 * A glossary term: just its name when a heading of the note has that name, or an object saying
 * which heading defines it and/or quoting the defining sentence (the author's words).
 */
const termSchema = z
  .union([
    z.string().min(1),
    z
      .object({
        term: z.string().min(1, 'term must not be empty'),
        reading: z
          .string()
          .regex(/^[\p{Script=Hiragana}\p{Script=Katakana}ー・ ]+$/u, 'reading is kana only')
          .optional(),
        heading: z.string().min(1).optional(),
        definition: z.string().min(1).optional(),
        aliases: z.array(z.string().min(1)).default([]),
      })
      .strict(),
  ])
  .transform((entry) => (typeof entry === 'string' ? { term: entry, aliases: [] as string[] } : entry));

export const noteSchema = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty'),
    description: z.string().trim().min(1, 'description must not be empty'),
    category: z.enum(noteCategories, {
      error: (issue) =>
        `category must be one of ${noteCategories.map((c) => `"${c}"`).join(', ')}; received ${JSON.stringify(issue.input)}`,
    }),
    /** Position within the category, smallest first. */
    order: z.number().int().nonnegative(),
    topics: z
      .array(z.string().regex(topicPattern, 'a topic is letters, digits, ".", "_" or "-" (no spaces or "/")'))
      .default([]),
    references: z
      .array(z.object({ title: z.string().trim().min(1), url: z.url({ protocol: /^https?$/ }) }))
      .default([]),
    /** Terms this note defines, for the glossary (用語集) and the review deck: see docs/glossary.md. */
    terms: z.array(termSchema).optional(),
    /** Last update, shown when git history is not available (a shallow clone). */
    updated: z.coerce.date().optional(),
  })
  .strict();
