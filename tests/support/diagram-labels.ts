/**
 * For a page of Mermaid diagrams in the browser: every label whose text leaves the shape it sits
 * in, or the diagram itself. A label's shape is the smallest shape of its diagram (rect, polygon,
 * path, circle, ellipse; not an edge, a line or a marker) that holds the label's centre; each
 * corner of the label's text box must then be inside that shape's outline (`isPointInFill`, so a
 * diamond is a diamond, not its bounding box). A label in no shape (an edge label drawn on the
 * background, a legend) must stay inside its diagram's box.
 *
 * Runs in the page (`page.evaluate(labelsOutOfShape)`): it uses nothing from outside.
 */
export function labelsOutOfShape(): string[] {
  const problems: string[] = [];
  const slack = 1; // px: anti-aliasing of a glyph's edge, not a visible overflow
  const shapeSelector = 'rect, polygon, path, circle, ellipse';
  // Lines and arrows, not shapes: a label is drawn on them, never inside.
  const notShape =
    'marker *, .edgePaths *, .edgePath *, .flowchart-link, .transition, .relation, [class*="messageLine"], ' +
    '.actor-line, .loopLine, .er.relationshipLine, .arrow, .branch, .commit-merge-arrow, [class*="arrow"], line';
  for (const [index, svg] of [...document.querySelectorAll<SVGSVGElement>('.mermaid-diagram > svg')].entries()) {
    const diagram = `diagram ${index + 1} (${svg.getAttribute('aria-label') ?? svg.id})`;
    const shapes = [...svg.querySelectorAll<SVGGeometryElement>(shapeSelector)].filter(
      (shape) => !shape.matches(notShape) && !shape.closest('marker, defs'),
    );
    const box = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll<SVGTextElement>('text')) {
      const label = text.textContent?.trim();
      if (!label || text.closest('defs, marker')) continue;
      // The text's ink box in its own coordinates (rotated with it), its line box trimmed to the
      // glyphs' height, then on the screen.
      const local = text.getBBox();
      const toScreen = text.getScreenCTM();
      if (local.width === 0 || local.height === 0 || !toScreen) continue;
      const inset = local.height * 0.2;
      const corners = [
        [local.x + slack, local.y + inset],
        [local.x + local.width - slack, local.y + inset],
        [local.x + slack, local.y + local.height - inset],
        [local.x + local.width - slack, local.y + local.height - inset],
      ].map(([x, y]) => {
        const point = new DOMPoint(x, y).matrixTransform(toScreen);
        return [point.x, point.y] as const;
      });
      const rect = text.getBoundingClientRect();
      const centre = [(rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2] as const;
      const inside = (shape: SVGGeometryElement, [x, y]: readonly [number, number]) => {
        const matrix = shape.getScreenCTM();
        if (!matrix) return false;
        const point = new DOMPoint(x, y).matrixTransform(matrix.inverse());
        return shape.isPointInFill(point) || shape.isPointInStroke(point);
      };
      const holders = shapes
        .filter((shape) => {
          const bounds = shape.getBoundingClientRect();
          return bounds.width > 0 && bounds.height > 0 && inside(shape, centre);
        })
        .sort((a, b) => {
          const [ra, rb] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
          return ra.width * ra.height - rb.width * rb.height;
        });
      const holder = holders[0];
      if (holder) {
        // A shape drawn in parts (a Gantt section: one stripe per task) is the union of its parts.
        const parts = shapes.filter(
          (shape) =>
            shape === holder ||
            (holder.classList.length > 0 &&
              shape.className.baseVal === holder.className.baseVal &&
              shape.parentNode === holder.parentNode),
        );
        const out = corners.filter((corner) => !parts.some((part) => inside(part, corner)));
        if (out.length)
          problems.push(
            `${diagram}: 「${label}」 (${Math.round(rect.width)}×${Math.round(rect.height)} px) leaves its ${holder.tagName} ` +
              `(${Math.round(holder.getBoundingClientRect().width)}×${Math.round(holder.getBoundingClientRect().height)} px)`,
          );
      } else if (
        rect.left < box.left - slack ||
        rect.right > box.right + slack ||
        rect.top < box.top - slack ||
        rect.bottom > box.bottom + slack
      )
        problems.push(`${diagram}: 「${label}」 is cut off at the diagram's edge`);
    }
  }
  return problems;
}
