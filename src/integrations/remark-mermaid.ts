import { createHash } from 'node:crypto';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { ContentError } from './content-error.ts';
import { mermaidRenderer } from './mermaid/renderer.ts';

export interface RemarkMermaidOptions {
  /** The project root (the worker's file is found from it). */
  root: string;
}

/**
 * Zenn's Mermaid blocks as inline SVG, drawn at build time by Mermaid itself (no browser, no
 * script on the page):
 *
 * ```md
 * ```mermaid            →  <div class="mermaid-diagram" data-pagefind-ignore="all">
 * graph TD                    <svg id="mermaid-3f9a2c-1" role="img" aria-label="図: フローチャート" …>
 *   A-->B                     …</svg></div>
 * ```
 * ```
 *
 * A diagram Mermaid cannot parse fails the build with the block's file and line and Mermaid's
 * message. The SVG is sanitized and themed by `mermaid/svg.ts`. Search skips diagrams: their
 * labels come out of the SVG as words run together, which only blur results and excerpts.
 */
export function remarkMermaid(options: RemarkMermaidOptions) {
  return async (tree: Root, file: VFile) => {
    const blocks: Code[] = [];
    visit(tree, 'code', (code) => {
      if (code.lang === 'mermaid') blocks.push(code);
    });
    if (!blocks.length) return;
    // Ids unique on the page (one note per page) and across pages' cached SVGs.
    const prefix = `mermaid-${createHash('sha256').update(file.path).digest('hex').slice(0, 6)}`;
    const renderer = mermaidRenderer(options.root);
    // Loaded only for a note with a diagram: its SVG tools are ~80 modules every build would load.
    const { safeThemedSvg } = await import('./mermaid/svg.ts');
    await Promise.all(
      blocks.map(async (code, index) => {
        const id = `${prefix}-${index + 1}`;
        const line = code.position?.start.line ?? 1;
        const rendered = await renderer.render(id, code.value);
        if ('error' in rendered)
          throw new ContentError(
            file,
            line,
            `this Mermaid diagram does not parse:\n${rendered.error}\n`,
            'Fix the diagram (syntax: https://mermaid.js.org/intro/syntax-reference.html), or write ```text to show it as code',
          );
        const svg = safeThemedSvg(rendered.svg, id, rendered.diagramType);
        const node = code as unknown as Record<string, unknown>;
        for (const key of Object.keys(node)) if (key !== 'position') delete node[key];
        Object.assign(node, {
          type: 'mermaidDiagram',
          data: {
            hName: 'div',
            hProperties: { className: ['mermaid-diagram'], dataPagefindIgnore: 'all' },
            hChildren: [svg],
          },
        });
      }),
    );
  };
}
