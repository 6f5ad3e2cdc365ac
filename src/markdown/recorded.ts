import { z } from 'astro/zod';
import type { VFile } from 'vfile';
import type { ClozeSentence } from '../utils/cloze-deck.ts';

/**
 * What the Markdown pass records about a note, in one place. Each plugin writes its part with
 * `record()`; Astro keeps it with the note's render (`remarkPluginFrontmatter`, also in its data
 * store between builds), and the pages and the render cache read it back with `recordedOf()`:
 *
 * ```ts
 * record(file, { math: true });                                   // remark-zenn-math.ts
 * recordedOf(note.content.remarkPluginFrontmatter).math;          // NoteLayout.astro → true
 * ```
 */
const recordedSchema = z.object({
  /** The note has math, so its page loads KaTeX's stylesheet (`remark-zenn-math.ts`). */
  math: z.boolean(),
  /** The note shows images, so its page loads their styles (`remark-zenn-images.ts`). */
  hasImages: z.boolean(),
  /** How many problems the note's page shows in place: a kept render with any is rendered again (`content-warnings.ts`). */
  contentWarnings: z.number(),
  /** Each previewed link (`iam#ポリシー`) and the text it showed, null when none (`remark-note-previews.ts`). */
  notePreviews: z.record(z.string(), z.string().nullable()),
  /** Ids of the notes this note's text links to, sorted: the backlinks' one source (`remark-note-data.ts`). */
  noteLinks: z.array(z.string()),
  /** The first paragraph as plain text, shortened: the description of a note without one (`remark-note-data.ts`). */
  excerpt: z.string().optional(),
  /** The 復習 page's 穴埋め sentences (`remark-note-data.ts`; their shape is `utils/cloze-deck.ts`'s). */
  clozeSentences: z.array(z.custom<ClozeSentence>((value) => typeof value === 'object' && value !== null)),
});

/** Everything a note's Markdown pass may record; each plugin records only its own part. */
export type Recorded = z.infer<typeof recordedSchema>;

/** Adds `data` to what the Markdown pass records about the note in `file`. */
export function record(file: VFile, data: Partial<Recorded>): void {
  const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
  astro.frontmatter = { ...astro.frontmatter, ...data };
}

const readBack = recordedSchema.partial();

/**
 * What was recorded about a note, from its render's `remarkPluginFrontmatter` (which also holds its
 * own frontmatter, left out here). A field no plugin recorded is absent; one of the wrong shape fails.
 */
export function recordedOf(frontmatter: unknown): Partial<Recorded> {
  return readBack.parse(frontmatter ?? {});
}
