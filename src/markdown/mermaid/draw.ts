import type { Mermaid, MermaidConfig } from 'mermaid';

declare global {
  interface Window {
    mermaid: Mermaid;
  }
}

/** What drawing one diagram gives: Mermaid's SVG and the kind of diagram, or Mermaid's error. */
export type Drawn = { svg: string; diagramType: string } | { error: string };

/** The site's text font: diagrams are measured and shown in it (`src/styles/global.css`). */
const siteFont = 'var(--font-sans)';

/**
 * Mermaid's settings for every diagram. A diagram's own `%%{init}%%` may change the rest, not
 * the keys in `secure`.
 */
export const mermaidConfig: MermaidConfig = {
  startOnLoad: false,
  // DOMPurify on every label, no click handlers; `svg.ts` sanitizes the whole SVG again.
  securityLevel: 'strict',
  // Labels as SVG text, measured by the browser: HTML labels need <foreignObject>, which the page
  // does not allow into a diagram (`svg.ts`).
  htmlLabels: false,
  journey: { textPlacement: 'tspan', taskFontFamily: siteFont, titleFontFamily: siteFont },
  // Greys only: `svg.ts` turns each grey into a mix of the page's text and background colours.
  theme: 'neutral',
  // A journey's task and section names as SVG text take their box's fill (Mermaid styles them for
  // HTML labels): the text colour of every other label instead.
  themeCSS: 'text.task, text.journey-section { fill: #333 }',
  fontFamily: siteFont,
  sequence: {
    actorFontFamily: siteFont,
    noteFontFamily: siteFont,
    messageFontFamily: siteFont,
    actorFontSize: 16,
    noteFontSize: 16,
    messageFontSize: 16,
  },
  suppressErrorRendering: true,
  secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges', 'htmlLabels'],
};

/**
 * Draws one diagram in the build's Chromium page (`renderer.ts`); runs in the page, so it may
 * use nothing from this module. Mermaid's error is returned as text, as its error objects do not
 * cross back to Node.
 */
export async function drawInPage({ id, source }: { id: string; source: string }): Promise<Drawn> {
  const host = document.getElementById('host')!;
  try {
    const { svg, diagramType } = await window.mermaid.render(id, source, host);
    if (diagramType !== 'sequence') return { svg, diagramType };
    // A note over two participants is as wide as the gap between them, however long its text
    // (Mermaid's layout): widened here, about its centre, to hold its text, and the diagram's
    // view box grown to hold the note.
    host.innerHTML = svg;
    const element = host.querySelector('svg')!;
    const margin = 10; // Mermaid's `sequence.noteMargin`, which this config leaves as it is
    for (const note of element.querySelectorAll<SVGRectElement>('rect.note')) {
      const text = note.parentElement?.querySelector<SVGTextElement>('text.noteText');
      const needed = text ? text.getBBox().width + 2 * margin : 0;
      const { x, width } = note.getBBox();
      if (needed <= width) continue;
      note.setAttribute('x', String(x + width / 2 - needed / 2));
      note.setAttribute('width', String(needed));
    }
    const view = element.viewBox.baseVal;
    const content = element.getBBox();
    const left = Math.min(view.x, content.x - margin);
    const right = Math.max(view.x + view.width, content.x + content.width + margin);
    if (left < view.x || right > view.x + view.width) {
      element.setAttribute('viewBox', `${left} ${view.y} ${right - left} ${view.height}`);
      element.style.maxWidth = `${right - left}px`;
    }
    return { svg: element.outerHTML, diagramType };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    // What a failed render leaves behind.
    host.replaceChildren();
  }
}
