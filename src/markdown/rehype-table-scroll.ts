import type { Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Wraps each table in a focusable, labelled scroll box so a wide table scrolls on its own on a
 * 360 px phone instead of widening the page, and keyboard users can scroll it:
 *
 * `<table>…</table>` → `<div class="table-scroll" role="region" aria-label="表" tabindex="0"><table>…</table></div>`
 */
export function rehypeTableScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (table, index, parent) => {
      if (table.tagName !== 'table' || !parent || index === undefined) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], role: 'region', ariaLabel: '表', tabIndex: 0 },
        children: [table],
      };
      return SKIP;
    });
  };
}
