import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { SKIP, visit } from 'unist-util-visit';
import { ZennSlugger } from './remark-zenn-heading-ids.ts';

const linkedHeadings = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
/** The id remark-rehype gives the footnotes' heading. */
export const FOOTNOTE_LABEL = 'footnote-label';

/**
 * Puts a link beside each h2–h6 to its id, as Starlight does. The Markdown's headings have their
 * ids already, Zenn's (`remark-zenn-heading-ids.ts`); a heading written as a tag in an `.mdx` note
 * gets one here, made the same way and unique on the page:
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
    const slugger = new ZennSlugger();
    visit(tree, 'element', (element) => {
      if (typeof element.properties.id === 'string') slugger.reserve(element.properties.id);
    });
    visit(tree, 'element', (heading, index, parent) => {
      if (!/^h[1-6]$/.test(heading.tagName)) return;
      // The footnotes' own title (remark-rehype's, id `footnote-label`) is not a section to link to.
      if (heading.properties.id === FOOTNOTE_LABEL) return SKIP;
      const text = toText(heading);
      if (typeof heading.properties.id !== 'string') heading.properties.id = slugger.slug(text) || undefined;
      if (heading.properties.id === undefined) return SKIP; // no text, no id (see remark-zenn-heading-ids)
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
