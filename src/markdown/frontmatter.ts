import { parse as parseYaml } from 'yaml';
import { ContentError } from './content-error.ts';

/** A note's text split at its frontmatter, the one way every reader of notes splits it. */
export interface SplitNote {
  /** The text's lines (split at `\n`; a `\r` before it stays on its line). */
  lines: string[];
  /** How many lines the frontmatter takes, its `---` lines included (0 without one). */
  frontmatterLines: number;
  /** The frontmatter's YAML, without its `---` lines ('' without one). */
  yaml: string;
  /** The body with the frontmatter's lines blanked, so line numbers stay the file's. */
  body: string;
}

/**
 * ```md
 * ---            →  frontmatterLines: 3, yaml: 'title: "IAM"'
 * title: "IAM"      body: '\n\n\n## 見出し'   (lines 1–3 blank, line 4 as written)
 * ---
 * ## 見出し
 * ```
 *
 * A leading byte order mark is dropped. Frontmatter opened on line 1 and never closed fails as such
 * (Astro would read it as body text, then report every field as missing).
 */
export function splitFrontmatter(source: string, shown: string): SplitNote {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { lines, frontmatterLines: 0, yaml: '', body: text };
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (end < 0) {
    throw new ContentError(
      shown,
      1,
      'the frontmatter opened by "---" on line 1 is never closed',
      'Add a line "---" after its last field, before the note\'s text.',
    );
  }
  const body = [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
  return { lines, frontmatterLines: end + 1, yaml: lines.slice(1, end).join('\n'), body };
}

/** The frontmatter's fields (`{}` without any); YAML that does not parse fails naming the file. */
export function frontmatterData(yaml: string, shown: string): Record<string, unknown> {
  try {
    return (parseYaml(yaml) as Record<string, unknown> | null) ?? {};
  } catch (error) {
    throw new Error(`${shown}: the frontmatter is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}
