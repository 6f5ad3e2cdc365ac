import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx-jsx';

/** An attribute of a JSX element as written in a note. */
export type JsxAttribute =
  { kind: 'string'; name: string; value: string } | { kind: 'expression'; name: string } | { kind: 'spread' };

/**
 * Reads a JSX attribute: `a="x"` and `a={"x"}` are strings, a bare `a` is the empty string, any
 * other `{expression}` is an expression (its value is only known when the page renders).
 */
export function jsxAttribute(attribute: MdxJsxAttribute | MdxJsxExpressionAttribute): JsxAttribute {
  if (attribute.type === 'mdxJsxExpressionAttribute') return { kind: 'spread' };
  const { name, value } = attribute;
  if (value === null || value === undefined) return { kind: 'string', name, value: '' };
  if (typeof value === 'string') return { kind: 'string', name, value };
  const only = value.data?.estree?.body[0];
  if (only?.type === 'ExpressionStatement' && only.expression.type === 'Literal') {
    return { kind: 'string', name, value: String(only.expression.value) };
  }
  return { kind: 'expression', name };
}

/**
 * The attributes of a component the site turns into HTML itself (`<Callout variant="alert">`):
 * plain strings only, or the problem with the first one that is not.
 */
export function plainAttributes(
  component: string,
  attributes: readonly (MdxJsxAttribute | MdxJsxExpressionAttribute)[],
): Map<string, string> | string {
  const plain = new Map<string, string>();
  for (const attribute of attributes.map(jsxAttribute)) {
    if (attribute.kind === 'spread') return `<${component} {...}>: write each attribute as name="value"`;
    if (attribute.kind === 'expression') {
      return `<${component} ${attribute.name}={…}>: write the value as a plain string, ${attribute.name}="…"`;
    }
    plain.set(attribute.name, attribute.value);
  }
  return plain;
}
