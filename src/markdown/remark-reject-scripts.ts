import type { Program } from 'estree-jsx';
import type { Root } from 'mdast';
import { visit as visitEstree } from 'estree-util-visit';
import { urlAttributes } from 'html-url-attributes';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { allowedUrlSchemes, isSafeUrl, srcsetUrls } from '../utils/safe-url.ts';
import { ContentError } from './content-error.ts';
import { jsxAttribute, type JsxAttribute } from './mdx-jsx.ts';

/** Elements a note may not contain: they run code or retarget every link of the page. */
const forbiddenElements = new Set(['script', 'base', 'meta']);
/** Attributes that inject markup or code whatever their value. */
const forbiddenAttributes = new Set(['srcdoc', 'set:html', 'dangerouslysetinnerhtml']);
/** Attributes holding a URL: HTML's own list (`html-url-attributes`), plus SVG's and `srcset`. */
const urlAttributeNames = new Set([
  ...Object.keys(urlAttributes).map((name) => name.toLowerCase()),
  'srcset',
  'xlink:href',
  'background',
  'longdesc',
]);

const fix =
  `Notes carry no scripts: remove it. Links and images may use ${allowedUrlSchemes.map((s) => `${s}:`).join(', ')}, relative and "#" URLs only, ` +
  'and elements take no event handlers (onclick, onerror, …)';

/**
 * Refuses what would run code in a reader's browser, with the file and line:
 *
 * ```md
 * <script>alert(1)</script>           → error: <script> is not allowed
 * [x](javascript:alert(1))            → error: a link to a "javascript:" URL
 * <img src="x.png" onerror="alert(1)"/> → error: an event handler attribute "onerror"
 * ```
 *
 * The production CSP would block these, but `npm start` and any other host would not. JSX inside
 * `{expressions}` is checked too; a URL attribute must be a plain string (so it can be checked).
 */
export function remarkRejectScripts() {
  return (tree: Root, file: VFile) => {
    const refused = (line: number | undefined, problem: string) => new ContentError(file, line ?? 1, problem, fix);
    const checkUrl = (url: string, what: string, line: number | undefined) => {
      if (!isSafeUrl(url)) throw refused(line, `${what} to ${JSON.stringify(url)} is not allowed`);
    };

    visit(tree, (node) => {
      const line = node.position?.start.line;
      switch (node.type) {
        case 'link':
        case 'definition':
          return checkUrl(node.url, 'a link', line);
        case 'image':
          return checkUrl(node.url, 'an image', line);
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement':
          return checkElement(node.name, node.attributes.map(jsxAttribute), line);
        case 'mdxFlowExpression':
        case 'mdxTextExpression':
          return checkExpression(node.data?.estree, line);
      }
    });

    function checkElement(name: string | null, attributes: JsxAttribute[], line: number | undefined): void {
      const element = name?.toLowerCase() ?? '';
      if (forbiddenElements.has(element)) throw refused(line, `<${name}> is not allowed in a note`);
      for (const attribute of attributes) {
        if (attribute.kind === 'spread') {
          throw refused(
            line,
            `<${name ?? ''} {...}>: spread attributes are not allowed in a note (write each attribute)`,
          );
        }
        const attributeName = attribute.name.toLowerCase();
        if (/^on/.test(attributeName))
          throw refused(line, `<${name}>: the event handler attribute "${attribute.name}"`);
        if (forbiddenAttributes.has(attributeName)) throw refused(line, `<${name}>: the attribute "${attribute.name}"`);
        const isUrl =
          urlAttributeNames.has(attributeName) ||
          // <animate attributeName="href" to="javascript:…">: SVG animation can rewrite a link.
          (['animate', 'set'].includes(element) && ['to', 'from', 'values', 'by'].includes(attributeName));
        if (!isUrl) continue;
        if (attribute.kind === 'expression') {
          throw refused(line, `<${name}>: the URL in "${attribute.name}" must be a plain string, not an {expression}`);
        }
        if (attribute.kind !== 'string') continue;
        const urls =
          attributeName === 'srcset'
            ? srcsetUrls(attribute.value)
            : attributeName === 'values'
              ? attribute.value.split(';')
              : [attribute.value];
        for (const url of urls) checkUrl(url, `<${name} ${attribute.name}>`, line);
      }
    }

    /** JSX written inside `{…}` becomes elements too: check it the same way. */
    function checkExpression(program: Program | null | undefined, line: number | undefined): void {
      if (!program) return;
      visitEstree(program, (node) => {
        if (node.type !== 'JSXOpeningElement') return;
        const nameOf = (n: typeof node.name): string =>
          n.type === 'JSXIdentifier'
            ? n.name
            : n.type === 'JSXNamespacedName'
              ? `${n.namespace.name}:${n.name.name}`
              : `${nameOf(n.object as typeof node.name)}.${n.property.name}`;
        const attributes: JsxAttribute[] = node.attributes.map((attribute) => {
          if (attribute.type === 'JSXSpreadAttribute') return { kind: 'spread' };
          const attributeName =
            attribute.name.type === 'JSXIdentifier'
              ? attribute.name.name
              : `${attribute.name.namespace.name}:${attribute.name.name.name}`;
          const value = attribute.value;
          if (value === null || value === undefined) return { kind: 'string', name: attributeName, value: '' };
          if (value.type === 'Literal') return { kind: 'string', name: attributeName, value: String(value.value) };
          return { kind: 'expression', name: attributeName };
        });
        checkElement(nameOf(node.name), attributes, line);
      });
    }
  };
}
