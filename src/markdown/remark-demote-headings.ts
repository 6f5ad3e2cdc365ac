import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * A note page has one `<h1>`, its title. Zenn articles often start their sections at `#`, so in a
 * note whose body has a `#` heading every heading moves down one level (h6 stays h6), keeping
 * their relative structure for the 目次:
 *
 * ```md
 * # 概要        →  <h2>概要</h2>
 * ## 手順       →  <h3>手順</h3>
 * ```
 *
 * A note that starts at `##` (as the memo does) is left as written.
 */
export function remarkDemoteHeadings() {
  return (tree: Root) => {
    let hasTopLevel = false;
    visit(tree, 'heading', (heading) => {
      if (heading.depth === 1) hasTopLevel = true;
    });
    if (!hasTopLevel) return;
    visit(tree, 'heading', (heading) => {
      heading.depth = Math.min(heading.depth + 1, 6) as typeof heading.depth;
    });
  };
}
