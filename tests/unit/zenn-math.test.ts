/**
 * Zenn's `$` math through the real pipeline, in `.md` and `.mdx`: which dollars are math (the
 * cases of zenn-markdown-html's `dollar.test.ts` and zenn-cli's KaTeX article), KaTeX's output,
 * and the build errors for bad or hostile TeX.
 */
import { describe, expect, test } from 'vitest';
import { fragment, textOf } from '../support/html.ts';
import { noteFormats, renderNote } from '../support/render-note.ts';

/** The TeX source of each formula (KaTeX keeps it in MathML's annotation), in order. */
const formulas = (html: string) =>
  [...fragment(html).querySelectorAll('annotation')].map((annotation) => annotation.textContent?.trim());

/** The text a reader sees outside formulas, each formula as ⟨tex⟩. */
function reading(html: string) {
  const doc = fragment(html);
  for (const math of doc.querySelectorAll('.katex')) {
    const tex = math.querySelector('annotation')?.textContent?.trim();
    math.replaceWith(doc.createTextNode(`⟨${tex}⟩`));
  }
  return textOf(doc.body);
}

describe.each(noteFormats)('math in .%s', (format) => {
  test.each([
    { source: '面積は $\\pi r^2$ です', text: '面積は ⟨\\pi r^2⟩ です' },
    { source: '$a$', text: '⟨a⟩' },
    { source: '$x$ $y$', text: '⟨x⟩ ⟨y⟩' },
    { source: 'so-what is $x$', text: 'so-what is ⟨x⟩' },
    { source: '$x$ $', text: '⟨x⟩ $' },
    // Prices: no digit right before an opening or right after a closing "$".
    { source: '$5 and $10', text: '$5 and $10' },
    { source: 'You get 3$ if you solve $1+2$', text: 'You get 3$ if you solve ⟨1+2⟩' },
    { source: 'If you solve $1+2$ you get $3', text: 'If you solve ⟨1+2⟩ you get $3' },
    { source: 'a$1+1=2$', text: 'a⟨1+1=2⟩' },
    { source: '$1+1=2$b', text: '⟨1+1=2⟩b' },
    // A space just inside the dollars, an escaped dollar, or a line break: not math.
    { source: '$ $ $ x$ $x $', text: '$ $ $ x$ $x $' },
    { source: '\\$1+1=2$', text: '$1+1=2$' },
    { source: '$1+1=\n2$', text: '$1+1= 2$' },
    // Braces are TeX, not MDX expressions; "<" is TeX, not a tag.
    {
      source: '$\\frac{1}{2}$ と ${\\tilde{\\bold e}}_\\alpha$',
      text: '⟨\\frac{1}{2}⟩ と ⟨{\\tilde{\\bold e}}_\\alpha⟩',
    },
    { source: '$1+1<3$', text: '⟨1+1<3⟩' },
    { source: '$\\RR$', text: '⟨\\RR⟩' },
    // dollar.test.ts: "$" in links.
    { source: '$a,b,c$foo[foo](https://foo.bar)bar', text: '⟨a,b,c⟩foofoobar' },
    { source: '$a,b,c$foo[foo](http://foo.bar)$bar', text: '⟨a,b,c⟩foofoo$bar' },
    { source: '$a,b,c$foo[$bar](http://foo.bar)bar', text: '⟨a,b,c⟩foo$barbar' },
    {
      source: '[this $ should be escaped](https://docs.angularjs.org/api/ng/service/$http)',
      text: 'this $ should be escaped',
    },
    { source: '$a$foo[foo](https://foo.bar)bar,refs:$(2)$', text: '⟨a⟩foofoobar,refs:⟨(2)⟩' },
    { source: '$a,b,c$foobar,refs:$(2)$', text: '⟨a,b,c⟩foobar,refs:⟨(2)⟩' },
    // Code spans win over math that starts inside them.
    { source: '`$a$` と $b$', text: '$a$ と ⟨b⟩' },
    { source: '1. $1+2$\n2. $2+3$', text: '⟨1+2⟩ ⟨2+3⟩' },
    { source: '> see $a = b + c$', text: 'see ⟨a = b + c⟩' },
    { source: ':::details 詳細\n$a\\ne0$\n:::', text: '詳細⟨a\\ne0⟩' },
  ])('$source', async ({ source, text }) => {
    expect(reading(await renderNote(source, format))).toBe(text);
  });

  test('inline math is KaTeX HTML with MathML, and no script', async () => {
    const html = await renderNote('$x^2$', format);
    const doc = fragment(html);
    expect(doc.querySelector('p > .katex > .katex-mathml > math')).not.toBeNull();
    expect(doc.querySelector('.katex-html')?.getAttribute('aria-hidden')).toBe('true');
    expect(doc.querySelector('.math-display')).toBeNull();
    expect(html).not.toMatch(/<script/);
  });

  test.each([
    { source: '$$\n1+1=2\n$$', tex: '1+1=2', label: null },
    { source: '$$e_\\alpha$$', tex: 'e_\\alpha', label: null },
    { source: '$$\\begin{matrix}\n f & = & 2 + x \\\\\n & = & 5 + x\n\\end{matrix}$$', tex: null, label: null },
    { source: '$$f(x) = x^2 - 1$$ (1)', tex: 'f(x) = x^2 - 1', label: '(1)' },
    { source: '$$\n\\sum_{i=1}^n\n$$ (2)', tex: '\\sum_{i=1}^n', label: '(2)' },
    { source: '> $$ a+b=c$$ (2)', tex: 'a+b=c', label: '(2)' },
  ])('a display block: $source', async ({ source, tex, label }) => {
    const doc = fragment(await renderNote(source, format));
    const box = doc.querySelector('div.math-display');
    expect(box?.getAttribute('role')).toBe('region');
    expect(box?.getAttribute('aria-label')).toBe('数式');
    expect(box?.getAttribute('tabindex')).toBe('0');
    expect(box?.querySelector('.katex-display > .katex math[display="block"]')).not.toBeNull();
    if (tex) expect(box?.querySelector('annotation')?.textContent?.trim()).toBe(tex);
    expect(box?.querySelector('.math-label')?.textContent ?? null).toBe(label);
    expect(doc.querySelector('p')).toBeNull();
  });

  test('"$$…$$" inside a paragraph is display math in the paragraph, as on Zenn', async () => {
    const doc = fragment(await renderNote('文中の\n$$\\sum_i x_i$$ です', format));
    expect(doc.querySelector('p > span.math-display .katex-display annotation')?.textContent).toBe('\\sum_i x_i');
  });

  test('"$$" blocks and text around them stay apart', async () => {
    const html = await renderNote('前\n\n$$\na\n$$\n\n後 $b$', format);
    expect(formulas(html)).toEqual(['a', 'b']);
    expect(reading(html)).toBe('前 ⟨a⟩ 後 ⟨b⟩');
  });
});

describe.each(noteFormats)('TeX Zenn shows with a problem, or refuses, in .%s', (format) => {
  // As on Zenn (KaTeX with throwOnError: false): the page keeps the formula's source, marked, and
  // says what is wrong; the build warns (content-warnings.ts) instead of stopping.
  test.each([
    { source: '本文\n\n$a^$', shown: 'a^', title: "Expected group after '^'" },
    { source: '$$\n\\frac{1}{2\n$$', shown: '\\frac{1}{2', title: "expected '}'" },
    { source: '$$\n\\begin{pmatrix}x\n$$', shown: '\\begin{pmatrix}x', title: 'Expected & or \\\\ or \\cr or \\end' },
  ])("$source shows its source, marked, with KaTeX's error as its title", async ({ source, shown, title }) => {
    const doc = fragment(await renderNote(source, format));
    const error = doc.querySelector('.katex-error');
    expect(error?.textContent?.trim()).toBe(shown);
    expect(error?.getAttribute('title')).toContain(title);
    // Coloured by the stylesheet for light and dark, not by KaTeX's inline red.
    expect(error?.hasAttribute('style')).toBe(false);
  });

  test('an undefined command shows in place as KaTeX shows it, the rest of the formula typeset', async () => {
    const doc = fragment(await renderNote('本文\n\n$\\foo + 1$', format));
    expect(doc.querySelector('.katex annotation')?.textContent).toBe('\\foo + 1');
    expect(doc.querySelector('.katex-html')?.textContent).toContain('\\foo');
  });

  test.each([
    { source: '前\n\n$$\n1+1=2\n', line: 3, message: 'this "$$" math block is never closed' },
    { source: '$$\na $ b\n$$', line: 1, message: 'this "$$" math block is never closed' },
    { source: '$$a+b$$ 後ろの文', line: 1, message: 'text after the closing "$$" of a math block would be lost' },
  ])('$source fails the build, as text would be lost', async ({ source, line, message }) => {
    const error = await renderNote(source, format).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toContain(`.${format}:${line}: `);
    expect(error?.message).toContain(message);
  });

  // KaTeX's `trust` stays off: a formula cannot make a link, load an image or set HTML attributes;
  // the command shows as its source, as on Zenn.
  test.each([
    ['$\\href{javascript:alert(1)}{x}$', '\\href'],
    ['$\\url{javascript:alert(1)}$', '\\url'],
    ['$\\htmlClass{x}{y}$', '\\htmlClass'],
    ['$\\htmlId{main}{y}$', '\\htmlId'],
    ['$\\htmlStyle{position:fixed}{y}$', '\\htmlStyle'],
    ['$\\htmlData{foo=bar}{y}$', '\\htmlData'],
    ['$\\includegraphics{https://example.com/x.png}$', '\\includegraphics'],
    ['$$\n\\href{https://example.com}{x}\n$$', '\\href'],
  ])('%s is refused: shown as its source, no link, image or attribute made', async (source, command) => {
    const html = await renderNote(source, format);
    const doc = fragment(html);
    expect(doc.querySelector('.katex-html')?.textContent).toContain(command);
    expect(doc.querySelector('a, img, #main, [data-foo], .x')).toBeNull();
    expect(html).not.toContain('position:fixed;');
  });

  test.each([
    '$a,<script>alert("XSS")</script>,c$',
    '$<img src=x onerror=alert(1)>$',
    '$\\text{<b onmouseover=alert(1)>x</b>}$',
  ])('%s is typeset as characters, with no element made', async (source) => {
    const html = await renderNote(source, format);
    expect(fragment(html).querySelector('script, img, b, [onerror], [onmouseover]')).toBeNull();
    expect(html).not.toMatch(/<(script|img|b)\b/i);
  });
});

describe('math renders the same HTML in .md and .mdx', () => {
  /** Astro writes a style attribute as `a:b` from MDX and `a: b;` from Markdown: the same style. */
  const sameStyle = (html: string) =>
    html.replace(
      / style="([^"]*)"/g,
      (_, style: string) => ` style="${style.replace(/\s*([:;])\s*/g, '$1').replace(/;$/, '')}"`,
    );
  test.each(['$\\frac{a}{b}$ と $x_{i}$', '$$\n\\int_0^1 f(x)\\,dx\n$$ (1)', '文中 $$\\sum_i x_i$$ です'])(
    '%s',
    async (source) => {
      const [md, mdx] = await Promise.all(noteFormats.map((format) => renderNote(source, format)));
      expect(sameStyle(md)).toBe(sameStyle(mdx));
    },
  );
});
