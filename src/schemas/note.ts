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
export const isNoteCategory = (value: string): value is NoteCategory =>
  (noteCategories as readonly string[]).includes(value);

/** Topic names become URLs (`/topics/<topic>/`), so keep them to URL-friendly words. */
const topicPattern = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

export const noteSchema = z
  .object({
    title: z.string().min(1, 'title must not be empty'),
    description: z.string().min(1, 'description must not be empty'),
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
      .array(z.object({ title: z.string().min(1), url: z.url({ protocol: /^https?$/ }) }))
      .default([]),
  })
  .strict();

export type NoteFrontmatter = z.infer<typeof noteSchema>;
