import type { Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { remarkStructurePlugins } from '../markdown/markdown-structure.ts';

/**
 * Parsing a note's body outside Astro's own pass (the note index, for the glossary and link
 * previews): its tree as the site shapes it, up to (not including) the glossary.
 */

const parsers = {
  md: unified().use(remarkParse).use(remarkStructurePlugins),
  mdx: unified().use(remarkParse).use(remarkMdx).use(remarkStructurePlugins),
};

/** A note's body (`file.value`, frontmatter blanked) parsed through the plugins that shape the tree (MDX for `.mdx`). */
export async function parseNote(entry: string, file: VFile): Promise<Root> {
  const parser = entry.endsWith('.mdx') ? parsers.mdx : parsers.md;
  return (await parser.run(parser.parse(file), file)) as Root;
}
