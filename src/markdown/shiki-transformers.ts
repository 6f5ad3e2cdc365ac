import type { Element, ElementContent } from 'hast';
import type { ShikiTransformer } from 'shiki';

/** `title="index.js"` in a code block's meta, as `remark-code-meta` writes it. */
function codeTitle(meta: string | undefined): string | undefined {
  const match = /(?:^|\s)title="([^"]*)"/.exec(meta ?? '');
  return match?.[1]?.replaceAll('&quot;', '"') || undefined;
}

const isDiff = (meta: string | undefined) => /(?:^|\s)diff(?:\s|$)/.test(meta ?? '');

/** Wraps a titled code block in `<figure>` with the file name as its `<figcaption>`. */
export const transformerCodeTitle: ShikiTransformer = {
  name: 'aws-memo:code-title',
  root(root) {
    const title = codeTitle(this.options.meta?.__raw);
    if (!title) return;
    const caption: Element = {
      type: 'element',
      tagName: 'figcaption',
      properties: { className: ['code-title'] },
      children: [{ type: 'text', value: title }],
    };
    const figure: Element = {
      type: 'element',
      tagName: 'figure',
      properties: { className: ['code-figure'] },
      children: [caption, ...(root.children as ElementContent[])],
    };
    root.children = [figure];
  },
};

/** Marks added (`+`) and removed (`-`) lines of a ```` ```diff js ```` block, keeping the signs. */
export const transformerDiffLines: ShikiTransformer = {
  name: 'aws-memo:diff-lines',
  pre(pre) {
    if (isDiff(this.options.meta?.__raw)) this.addClassToHast(pre, 'has-diff');
  },
  line(line, number) {
    if (!isDiff(this.options.meta?.__raw)) return;
    const text = this.source.split('\n')[number - 1] ?? '';
    if (text.startsWith('+')) this.addClassToHast(line, ['diff', 'add']);
    else if (text.startsWith('-')) this.addClassToHast(line, ['diff', 'remove']);
  },
};
