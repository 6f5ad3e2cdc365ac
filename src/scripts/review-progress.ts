/**
 * 復習 progress as stored in localStorage, read through a validator. Whatever is stored (another
 * version's format, a hand edit, an extension, a half-written value) comes back as a valid
 * `Progress`: valid entries are kept, the rest dropped, and it never throws.
 *
 * Hand-written rather than zod: `astro/zod` re-exports all of zod v4, 92.5 KB gzipped in the
 * page's bundle (zod/mini: 8.7 KB), against a review script of ~1.1 KB.
 */

export const STORAGE_KEY = 'aws-memo:review:v1';

export const marks = ['known', 'again'] as const;
export type Mark = (typeof marks)[number];
export const isMark = (value: unknown): value is Mark => (marks as readonly unknown[]).includes(value);

export interface Progress {
  /** Card key → mark. No prototype, so a stored `__proto__` key is just a key. */
  marks: Record<string, Mark>;
  /** The chosen category; `''` is all. */
  category: string;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const emptyProgress = (): Progress => ({ marks: Object.create(null) as Record<string, Mark>, category: '' });

/** `{"marks":{"iam":"known","sts":"bogus"},"category":5}` → `{ marks: { iam: 'known' }, category: '' }`. */
export function parseProgress(raw: string | null): Progress {
  const progress = emptyProgress();
  let saved: unknown;
  try {
    saved = JSON.parse(raw ?? 'null');
  } catch {
    return progress;
  }
  if (!isRecord(saved)) return progress;
  if (isRecord(saved.marks)) {
    for (const [key, value] of Object.entries(saved.marks)) if (isMark(value)) progress.marks[key] = value;
  }
  if (typeof saved.category === 'string') progress.category = saved.category;
  return progress;
}
