import type { Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { remarkStructurePlugins } from '../markdown/markdown-structure.ts';

/**
 * Reading a note's source outside Astro's own pass (the glossary, note previews): its frontmatter,
 * and its tree as the site shapes it, up to (not including) the glossary.
 */

/** Frontmatter data, and the body with the frontmatter blanked so line numbers stay the file's. */
export function splitFrontmatter(source: string, shown: string) {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') return { data: {}, body: source, frontmatterLines: 0, lines };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) throw new Error(`${shown}:1: the frontmatter opened by "---" on line 1 is never closed`);
  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, end).join('\n')) ?? {};
  } catch (error) {
    throw new Error(`${shown}: the frontmatter is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const body = [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
  return { data, body, frontmatterLines: end + 1, lines };
}
const parsers = {
  md: unified().use(remarkParse).use(remarkStructurePlugins),
  mdx: unified().use(remarkParse).use(remarkMdx).use(remarkStructurePlugins),
};

/** A note's body (`file.value`, frontmatter blanked) parsed through the plugins that shape the tree (MDX for `.mdx`). */
export async function parseNote(entry: string, file: VFile): Promise<Root> {
  const parser = entry.endsWith('.mdx') ? parsers.mdx : parsers.md;
  return (await parser.run(parser.parse(file), file)) as Root;
}
