import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { oneLine } from '../utils/one-line.ts';
import { warnInPlace } from './content-warnings.ts';
import type { MermaidRenderer } from './mermaid/renderer.ts';
import { zennBlocks } from './zenn-blocks.ts';

export interface RemarkMermaidOptions {
  /** The build's renderer (`mermaid/renderer.ts`: `projectMermaidRenderer`), handed in by the pipeline. */
  renderer: MermaidRenderer;
}

/**
 * Zenn's Mermaid blocks as inline SVG, drawn at build time in Chromium (`mermaid/renderer.ts`;
 * no script on the page):
 *
 * ```md
 * ```mermaid            →  <div class="mermaid-diagram" data-pagefind-ignore="all">
 * graph TD                    <svg id="mermaid-3f9a2c01-1" role="img" aria-label="図: フローチャート" …>
 *   A-->B                     …</svg></div>
 * ```
 * ```
 *
 * Each id is a hash of the diagram's source and how many identical diagrams come before it on the
 * page: unique on the page, and the same on every build, so a cached SVG stays valid when other
 * diagrams are added or moved. The SVG is sanitized and themed by `mermaid/svg.ts`. Search skips
 * diagrams: their labels come out of the SVG as words run together, which only blur results.
 *
 * A diagram Mermaid cannot draw shows Mermaid's message and its source in place (an alert box),
 * and is a warning with the block's file and line (`content-warnings.ts`; NOTES_STRICT=1: an error).
 */
export function remarkMermaid(options: RemarkMermaidOptions) {
  return async (tree: Root, file: VFile) => {
    const blocks: Code[] = [];
    visit(tree, 'code', (code) => {
      if (code.lang === 'mermaid') blocks.push(code);
    });
    if (!blocks.length) return;
    const { renderer } = options;
    // Loaded only for a note with a diagram: its SVG tools are ~80 modules every build would load.
    const { safeThemedSvg } = await import('./mermaid/svg.ts');
    const seen = new Map<string, number>();
    const drawn = blocks.map((code) => {
      const hash = createHash('sha256').update(code.value).digest('hex').slice(0, 8);
      const occurrence = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, occurrence);
      const id = `mermaid-${hash}-${occurrence}`;
      return renderer.render(id, code.value).then((rendered) => ({ rendered, code, id }));
    });
    for (const { rendered, code, id } of await Promise.all(drawn)) {
      let content: Element;
      if ('error' in rendered) {
        content = diagramError(code.value, rendered.error);
        warnInPlace(
          file,
          code.position?.start.line ?? 1,
          `this Mermaid diagram does not parse: ${oneLine(rendered.error)}`,
          'Fix the diagram (syntax: https://mermaid.js.org/intro/syntax-reference.html), or write ```text to show it as code',
        );
      } else {
        const svg = safeThemedSvg(rendered.svg, id, rendered.diagramType);
        content = h('div.mermaid-diagram', { dataPagefindIgnore: 'all' }, [svg]);
      }
      const node = code as unknown as Record<string, unknown>;
      for (const key of Object.keys(node)) if (key !== 'position') delete node[key];
      Object.assign(node, {
        type: 'mermaidDiagram',
        data: { hName: content.tagName, hProperties: content.properties, hChildren: content.children },
      });
    }
  };
}

/** Mermaid's message and the diagram's source, in an alert box where the diagram would be. */
function diagramError(source: string, message: string): Element {
  return zennBlocks.message.render({ variant: 'alert' }, [
    h('p', `Mermaid の図を描けませんでした: ${message}`),
    h('pre.mermaid-source', [h('code', source)]),
  ]);
}
