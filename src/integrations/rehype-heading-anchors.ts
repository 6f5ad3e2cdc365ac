import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import Slugger from 'github-slugger';
import { SKIP, visit } from 'unist-util-visit';

const linkedHeadings = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
/** The id remark-rehype gives the footnotes' heading. */
export const FOOTNOTE_LABEL = 'footnote-label';

/**
 * Gives every heading an id (GitHub's slugs, as Astro's own heading ids) and puts a link to it
 * beside h2–h6, as Starlight does:
 *
 * ```html
 * <h2>ポリシー</h2>
 * →
 * <div class="heading-wrapper level-h2">
 *   <h2 id="ポリシー">ポリシー</h2>
 *   <a class="heading-anchor" href="#ポリシー"><span class="sr-only">「ポリシー」へのリンク</span></a>
 * </div>
 * ```
 *
 * The link sits outside the heading so the heading's text (table of contents, search) stays clean.
 */
export function rehypeHeadingAnchors() {
  return (tree: Root) => {
    const slugger = new Slugger();
    visit(tree, 'element', (heading, index, parent) => {
      if (!/^h[1-6]$/.test(heading.tagName)) return;
      // The footnotes' own title (remark-rehype's, id `footnote-label`) is not a section to link to.
      if (heading.properties.id === FOOTNOTE_LABEL) return SKIP;
      const text = toText(heading);
      if (typeof heading.properties.id !== 'string') heading.properties.id = slugger.slug(text);
      if (!linkedHeadings.has(heading.tagName) || !parent || index === undefined) return SKIP;
      const id = String(heading.properties.id);
      const anchor: Element = {
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}` },
        children: [
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['sr-only'] },
            children: [{ type: 'text', value: `「${text.trim()}」へのリンク` }],
          },
        ],
      };
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['heading-wrapper', `level-${heading.tagName}`] },
        children: [heading, anchor],
      };
      return SKIP;
    });
  };
}
