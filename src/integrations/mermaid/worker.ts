/**
 * Renders Mermaid diagrams to SVG in a worker thread (started by `renderer.ts`), with no browser.
 *
 * Mermaid draws with a DOM and measures text with `getBBox()`. svgdom provides both in Node (text
 * measured with the metrics of its bundled Open Sans). They are installed as this worker's
 * globals (`window`, `document`), which a worker keeps to itself: the build's own process never
 * sees a fake `window`.
 */
import { parentPort } from 'node:worker_threads';
import { createHTMLWindow } from 'svgdom';

/** Enough of the CSSOM for Mermaid's `createCssStyles` (svgdom has none): rules kept as text. */
class TextStyleSheet {
  cssRules: { cssText: string }[] = [];
  insertRule(rule: string, index = 0) {
    this.cssRules.splice(index, 0, { cssText: rule });
    return index;
  }
  replaceSync(text: string) {
    this.cssRules = [{ cssText: text }];
  }
}

const window = createHTMLWindow() as unknown as Record<string, unknown> & { document: unknown };
// elkjs (Mermaid's layout) reaches JavaScript's built-ins through `window`.
for (const name of ['Map', 'Set', 'WeakMap', 'Math', 'Array', 'Object', 'Number', 'String', 'Date', 'JSON', 'Error'])
  window[name] ??= (globalThis as Record<string, unknown>)[name];
Object.assign(globalThis, { window, document: window.document, CSSStyleSheet: TextStyleSheet });

const { default: mermaid } = await import('mermaid');
mermaid.initialize({
  startOnLoad: false,
  // 'strict' runs DOMPurify, which needs a real HTML DOM and returns nothing under svgdom. Labels
  // are SVG text (no HTML labels), and `svg.ts` sanitizes the whole SVG in the build's process.
  securityLevel: 'loose',
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  // Greys only: `svg.ts` turns each grey into a mix of the page's text and background colours.
  theme: 'neutral',
  fontFamily: 'system-ui, sans-serif',
  suppressErrorRendering: true,
});

export interface RenderRequest {
  seq: number;
  id: string;
  source: string;
}
export type RenderResponse = { seq: number; svg: string; diagramType: string } | { seq: number; error: string };

parentPort!.on('message', async ({ seq, id, source }: RenderRequest) => {
  let response: RenderResponse;
  try {
    const { svg, diagramType } = await mermaid.render(id, source);
    response = { seq, svg, diagramType };
  } catch (error) {
    response = { seq, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(response);
});
