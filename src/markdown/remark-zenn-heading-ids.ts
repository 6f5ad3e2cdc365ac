import type { Heading, Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Heading ids as Zenn gives them, so a link to a section written on Zenn (or copied with Zenn's
 * 「見出しのIDをコピー」) leads to the same section here. Zenn uses markdown-it-anchor 9 with its
 * default slug (https://github.com/valeriangalliat/markdown-it-anchor, `slugify`, `uniqueSlug`):
 *
 * ```md
 * ## `@[tweet]` 記法      →  <h2 id="@[tweet]-記法">
 * ## Amazon S3 (概要)     →  <h2 id="amazon-s3-(概要)">       lower case, each run of spaces one "-", punctuation kept
 * ## Amazon S3 (概要)     →  <h2 id="amazon-s3-(概要)-1">     a repeat gets -1, -2, …
 * ```
 *
 * Zenn writes the id percent-encoded (`%E8%A8%98%E6%B3%95`); this site writes it as text. A
 * browser finds either spelling of a link (`#記法` or `#%E8%A8%98%E6%B3%95`), and so does the link
 * check, which decodes the fragment.
 *
 * The ids are put on the Markdown tree (`data.hProperties.id`) before anything reads it, so the
 * page, its 目次, the search sections and the glossary's anchors all use these; `headingIds` reads
 * them back. Zenn ids `#` to `####` as written (before `remark-demote-headings` moves them), in
 * document order; deeper headings get theirs after, unique among all.
 */
export function remarkZennHeadingIds() {
  return (tree: Root) => {
    const slugger = new ZennSlugger();
    const headings: Heading[] = [];
    visit(tree, 'heading', (heading) => {
      headings.push(heading);
    });
    const zennLevels = headings.filter((heading) => heading.depth <= 4);
    const deeper = headings.filter((heading) => heading.depth > 4);
    for (const heading of [...zennLevels, ...deeper]) {
      const id = slugger.slug(headingText(heading));
      if (id === '') continue; // Zenn writes id="", which is no id: a heading of only an image or a formula has none
      const data = (heading.data ??= {}) as { hProperties?: Record<string, unknown> };
      data.hProperties = { ...data.hProperties, id };
    }
  };
}

/**
 * Zenn's slug of a heading's text: trimmed, lower-cased, each run of whitespace one `-`, nothing
 * else changed (markdown-it-anchor's `slugify`, less its `encodeURIComponent`).
 */
const zennSlug = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '-');

/** Zenn's unique slugs within one page: the first `a`, then `a-1`, `a-2`, … (any id already taken is skipped). */
export class ZennSlugger {
  readonly #taken = new Set<string>();

  /** Marks an id given by other means as taken. */
  reserve(id: string): void {
    this.#taken.add(id);
  }

  slug(text: string): string {
    const base = zennSlug(text);
    let id = base;
    for (let n = 1; this.#taken.has(id); n++) id = `${base}-${n}`;
    this.#taken.add(id);
    return id;
  }
}

/**
 * The text Zenn slugs: that of the heading's text and inline code, as markdown-it-anchor's
 * `getTokensText` joins its `text` and `code_inline` tokens. An image's alt text, a formula and a
 * footnote mark are left out, as there.
 */
function headingText(heading: Heading): string {
  let text = '';
  const walk = (node: Nodes) => {
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    else if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(heading);
  return text;
}

/** The id each heading of a tree got from `remarkZennHeadingIds` (headings without one are left out). */
export function headingIds(tree: Root): Map<Heading, string> {
  const ids = new Map<Heading, string>();
  visit(tree, 'heading', (heading) => {
    const id = (heading.data as { hProperties?: { id?: unknown } } | undefined)?.hProperties?.id;
    if (typeof id === 'string') ids.set(heading, id);
  });
  return ids;
}
