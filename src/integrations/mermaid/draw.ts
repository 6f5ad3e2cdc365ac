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
  journey: { textPlacement: 'tspan', taskFontFamily: siteFont },
  // Greys only: `svg.ts` turns each grey into a mix of the page's text and background colours.
  theme: 'neutral',
  fontFamily: siteFont,
  sequence: { actorFontFamily: siteFont, noteFontFamily: siteFont, messageFontFamily: siteFont },
  suppressErrorRendering: true,
  secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges', 'htmlLabels'],
};

/**
 * Draws one diagram in the build's Chromium page (`renderer.ts`); runs in the page, so it may
 * use nothing from this module. Mermaid's error is returned as text, as its error objects do not
 * cross back to Node.
 */
export async function drawInPage({ id, source }: { id: string; source: string }): Promise<Drawn> {
  try {
    const { svg, diagramType } = await window.mermaid.render(id, source, document.getElementById('host')!);
    return { svg, diagramType };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    // What a failed render leaves behind.
    document.getElementById('host')!.replaceChildren();
  }
}
