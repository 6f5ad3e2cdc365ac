import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { isValid, lightness } from 'khroma';
import postcss from 'postcss';

/**
 * Mermaid's SVG made safe and themed for the page it goes into as is:
 *
 * - **Safe**: no `<script>`, `<foreignObject>`, `<image>`, `<use>` of another document, animation
 *   (which can set a link), event attributes, or link out (`<a>` keeps its text, loses the link);
 *   `url()`, `href` and `xlink:href` may only point inside the page (`#id`); `@import` is dropped.
 * - **Unique ids**: every id starts with the diagram's own id, so two diagrams on a page never
 *   share a marker or a style rule, and no id is given twice within a diagram.
 * - **Light and dark**: Mermaid draws in greys (its `neutral` theme); each grey becomes a mix of the
 *   page's text and background colours (`--fg`, `--bg`), so the same SVG follows the site's theme.
 * - **Accessible**: `role="img"`, named by the diagram's own `accTitle` (and `accDescr`), else by
 *   its kind ("図: フローチャート").
 */
export function safeThemedSvg(svg: string, id: string, diagramType: string): Element {
  const root = fromHtml(svg, { fragment: true, space: 'svg' });
  const element = root.children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
  if (!element) throw new Error(`Mermaid returned no <svg> for ${id}`);
  sanitize(element);
  prefixIds(element, id);
  label(element, diagramType);
  assertSafe(element);
  inlineStyles(element, id);
  dropRepeatedIds(element);
  return element;
}

/**
 * An id Mermaid gives twice (a mindmap node's group and its shape) kept on its first element
 * only, the one a reference to it finds: ids stay unique on the page.
 */
function dropRepeatedIds(svg: Element) {
  const seen = new Set<string>();
  visitElements(svg, (element) => {
    const own = element.properties.id;
    if (typeof own !== 'string') return;
    if (seen.has(own)) delete element.properties.id;
    else seen.add(own);
  });
}

/**
 * Mermaid's `<style>` rules written into each element's `style` attribute, and the `<style>`
 * removed: Astro's MDX `optimize` writes a `<style>` element as `<style set:html="…">` with no
 * content (rehype-collapse-script-style, then rehype-optimize-static), so in an MDX note the
 * diagram would lose its styles. Rules are applied in order, before the element's own style;
 * `@keyframes` and selectors that need a live page (`:hover`) are left out.
 */
function inlineStyles(svg: Element, id: string) {
  const sheets: string[] = [];
  visitElements(svg, (element) => {
    if (element.tagName !== 'style') return;
    for (const text of element.children) if (text.type === 'text') sheets.push(text.value);
  });
  removeElements(svg, 'style');
  const inlined = new Map<Element, string[]>();
  for (const sheet of sheets) {
    postcss.parse(sheet).each((node) => {
      if (node.type !== 'rule') return;
      const declarations = node.nodes
        .filter((child) => child.type === 'decl')
        .map((decl) => `${decl.prop}:${decl.value}${decl.important ? ' !important' : ''}`);
      for (const selector of node.selectors) {
        const scoped = selector.trim();
        const own = scoped === `#${id}` ? [svg] : matches(scoped.replace(new RegExp(`^#${id}\\s+`), ''), svg);
        for (const element of own) inlined.set(element, [...(inlined.get(element) ?? []), ...declarations]);
      }
    });
  }
  for (const [element, declarations] of inlined) {
    const own = element.properties.style;
    element.properties.style = [...declarations, ...(typeof own === 'string' && own ? [own] : [])].join(';');
  }
}

function matches(selector: string, svg: Element): Element[] {
  if (/:(hover|focus|active|visited)|::/.test(selector)) return [];
  try {
    return selectAll(selector, svg, 'svg');
  } catch {
    return []; // a selector hast-util-select does not know
  }
}

function removeElements(parent: Element, tagName: string) {
  parent.children = parent.children.filter((node) => node.type !== 'element' || node.tagName !== tagName);
  for (const child of parent.children) if (child.type === 'element') removeElements(child, tagName);
}

/** Elements that run, load or link: dropped whole. */
const droppedElements = new Set([
  'script',
  'foreignobject',
  'iframe',
  'object',
  'embed',
  'image',
  'img',
  'audio',
  'video',
  'animate',
  'animatemotion',
  'animatetransform',
  'set',
  'discard',
  'handler',
  'listener',
]);
/** Presentation attributes that hold a colour. */
const colorProperties = ['fill', 'stroke', 'color', 'stopColor', 'floodColor', 'lightingColor'];
const linkProperties = ['href', 'xLinkHref', 'src'];

function sanitize(parent: Element | Root) {
  const kept: RootContent[] = [];
  for (const node of parent.children) {
    if (node.type === 'comment' || node.type === 'doctype') continue;
    if (node.type !== 'element') {
      kept.push(node);
      continue;
    }
    const name = node.tagName.toLowerCase();
    if (droppedElements.has(name)) continue;
    if (name === 'style') {
      for (const text of node.children) if (text.type === 'text') text.value = themeColors(safeCss(text.value));
      kept.push(node);
      continue;
    }
    sanitizeProperties(node);
    sanitize(node);
    // A link keeps its content (the label), not the link.
    if (name === 'a') kept.push(...node.children);
    else kept.push(node);
  }
  parent.children = kept as ElementContent[];
}

function sanitizeProperties(element: Element) {
  const properties = element.properties;
  for (const key of Object.keys(properties)) {
    const value = properties[key];
    if (/^on/i.test(key)) delete properties[key];
    else if (linkProperties.includes(key) && !String(value).startsWith('#')) delete properties[key];
    else if (key === 'style') properties.style = themeColors(safeCss(String(value)));
    else if (colorProperties.includes(key)) properties[key] = themeColors(String(value));
    else if (typeof value === 'string' && /url\(/i.test(value)) properties[key] = safeCss(value);
  }
  if (element.tagName === 'use' && properties.href === undefined && properties.xLinkHref === undefined)
    element.tagName = 'g';
}

/** CSS without `@import`, `expression()` or a `url()` outside the page. */
function safeCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/expression\s*\(/gi, 'invalid(')
    .replace(/url\(\s*(['"]?)(?!#)[^)]*\)/gi, 'none');
}

/** A CSS colour written as hex, rgb(), hsl() or one of the grey keywords Mermaid uses. */
const colorPattern =
  /#[0-9a-f]{3,8}\b|\b(?:rgb|hsl)a?\([^)]*\)|(?<![-\w])(?:white|black|gr[ae]y|lightgr[ae]y|darkgr[ae]y|silver|gainsboro|whitesmoke|dimgr[ae]y)(?![-\w])/gi;

/** Each colour as the page's text colour mixed into its background: dark greys stay near the text colour. */
export function themeColors(css: string): string {
  return css.replace(colorPattern, (color) => {
    if (!isValid(color)) return color;
    const text = Math.round(100 - lightness(color));
    if (text >= 100) return 'var(--fg)';
    if (text <= 0) return 'var(--bg)';
    return `color-mix(in srgb, var(--fg) ${text}%, var(--bg))`;
  });
}

/** Every id under the diagram's own (Mermaid leaves a few unprefixed), references rewritten to match. */
function prefixIds(svg: Element, id: string) {
  const renamed = new Map<string, string>();
  visitElements(svg, (element) => {
    const own = element.properties.id;
    if (typeof own !== 'string' || element === svg) return;
    if (!own.startsWith(`${id}-`) && !own.startsWith(`${id}_`)) renamed.set(own, `${id}-${own}`);
  });
  svg.properties.id = id;
  const rename = (value: string) =>
    value.replace(/url\(\s*#([^)\s]+)\s*\)/g, (all, ref: string) =>
      renamed.has(ref) ? `url(#${renamed.get(ref)})` : all,
    );
  visitElements(svg, (element) => {
    const properties = element.properties;
    if (element !== svg && typeof properties.id === 'string' && renamed.has(properties.id))
      properties.id = renamed.get(properties.id)!;
    for (const key of ['ariaLabelledBy', 'ariaDescribedBy']) {
      const value = properties[key];
      if (Array.isArray(value)) properties[key] = value.map((ref) => renamed.get(String(ref)) ?? ref);
      else if (typeof value === 'string') properties[key] = renamed.get(value) ?? value;
    }
    for (const key of ['href', 'xLinkHref']) {
      const value = properties[key];
      if (typeof value === 'string' && renamed.has(value.slice(1))) properties[key] = `#${renamed.get(value.slice(1))}`;
    }
    for (const [key, value] of Object.entries(properties))
      if (typeof value === 'string' && value.includes('url(')) properties[key] = rename(value);
    if (element.tagName === 'style')
      for (const text of element.children)
        if (text.type === 'text')
          text.value = rename(text.value).replace(/#([\w-]+)/g, (all, ref: string) =>
            renamed.has(ref) ? `#${renamed.get(ref)}` : all,
          );
  });
}

/** What a screen reader announces for a diagram without its own `accTitle`. */
const diagramNames: Record<string, string> = {
  flowchart: 'フローチャート',
  'flowchart-v2': 'フローチャート',
  'flowchart-elk': 'フローチャート',
  graph: 'フローチャート',
  sequence: 'シーケンス図',
  class: 'クラス図',
  classDiagram: 'クラス図',
  stateDiagram: '状態遷移図',
  state: '状態遷移図',
  er: 'ER 図',
  gantt: 'ガントチャート',
  journey: 'ユーザージャーニー',
  pie: '円グラフ',
  mindmap: 'マインドマップ',
  timeline: 'タイムライン',
  gitGraph: 'Git グラフ',
  quadrantChart: '四象限チャート',
  xychart: 'XY チャート',
};

function label(svg: Element, diagramType: string) {
  const properties = svg.properties;
  properties.role = 'img';
  delete properties.ariaRoleDescription;
  const hasTitle = svg.children.some((node) => node.type === 'element' && node.tagName === 'title');
  if (!hasTitle) {
    delete properties.ariaLabelledBy;
    properties.ariaLabel = `図: ${diagramNames[diagramType] ?? diagramType}`;
  }
}

function visitElements(element: Element, visit: (element: Element) => void) {
  visit(element);
  for (const child of element.children) if (child.type === 'element') visitElements(child, visit);
}

/** The checks above, asserted on the result: a diagram that slips past them stops the build. */
function assertSafe(svg: Element) {
  visitElements(svg, (element) => {
    const name = element.tagName.toLowerCase();
    if (droppedElements.has(name) || name === 'a') throw new Error(`unsafe <${name}> left in a diagram`);
    for (const [key, value] of Object.entries(element.properties)) {
      if (/^on/i.test(key)) throw new Error(`event attribute ${key} left in a diagram`);
      if (linkProperties.includes(key) && !String(value).startsWith('#'))
        throw new Error(`link "${String(value)}" left in a diagram`);
      if (/javascript:|url\(\s*['"]?(?!#)/i.test(String(value)))
        throw new Error(`"${String(value)}" left in a diagram`);
    }
    if (name === 'style')
      for (const text of element.children)
        if (text.type === 'text' && /@import|javascript:|url\(\s*['"]?(?!#)/i.test(text.value))
          throw new Error('an external reference left in a diagram’s style');
  });
}
