/**
 * Mermaid blocks through the real pipeline, in `.md` and `.mdx`: inline SVG drawn at build time,
 * safe to put in the page as is, themed by the page's colours, named for screen readers; a
 * diagram Mermaid cannot parse fails the build with the block's file and line.
 */
import { describe, expect, test } from 'vitest';
import { themeColors } from '../../src/integrations/mermaid/svg.ts';
import { fragment } from '../support/html.ts';
import { noteFormats, renderNote } from '../support/render-note.ts';

const block = (source: string) => '```mermaid\n' + source + '\n```';

describe.each(noteFormats)('Mermaid in .%s', (format) => {
  test.each([
    {
      source: 'graph TD;\n  A-->B;\n  A-->C;\n  B-->D;\n  C-->D;',
      label: '図: フローチャート',
      text: ['A', 'B', 'C', 'D'],
    },
    {
      source: 'flowchart LR\n  A[ユーザー] -->|認証| B(IAM ロール)',
      label: '図: フローチャート',
      text: ['ユーザー', 'IAM ロール', '認証'],
    },
    {
      source: 'sequenceDiagram\n  Alice->>Bob: Hi Bob\n  Bob-->>Alice: Hi',
      label: '図: シーケンス図',
      text: ['Alice', 'Bob', 'Hi Bob'],
    },
    { source: 'classDiagram\n  Animal <|-- Duck', label: '図: クラス図', text: ['Animal', 'Duck'] },
    { source: 'erDiagram\n  CUSTOMER ||--o{ ORDER : places', label: '図: ER 図', text: ['CUSTOMER', 'ORDER'] },
    {
      source: 'stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy',
      label: expect.stringMatching(/^図: /),
      text: ['Idle', 'Busy'],
    },
  ])('$source', async ({ source, label, text }) => {
    const html = await renderNote(block(source), format);
    const doc = fragment(html);
    const svg = doc.querySelector('div.mermaid-diagram[data-pagefind-ignore="all"] > svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toEqual(label);
    expect(svg?.getAttribute('viewBox')).toMatch(/^[-\d.]+ [-\d.]+ [\d.]+ [\d.]+$/);
    for (const word of text) expect(svg?.textContent).toContain(word);
    expect(doc.querySelector('pre, code')).toBeNull();
    expect(html).not.toMatch(/<style|<script|<foreignObject|\son\w+=|javascript:/i);
  });

  test('accTitle and accDescr name the diagram', async () => {
    const doc = fragment(
      await renderNote(block('flowchart LR\n  accTitle: 流れ\n  accDescr: A から B へ\n  A --> B'), format),
    );
    const svg = doc.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBeNull();
    expect(doc.getElementById(svg.getAttribute('aria-labelledby')!)?.textContent).toBe('流れ');
    expect(doc.getElementById(svg.getAttribute('aria-describedby')!)?.textContent).toBe('A から B へ');
  });

  test('two diagrams on one page share no id, and every reference points inside its own diagram', async () => {
    const doc = fragment(
      await renderNote(`${block('graph TD\n  A-->B')}\n\n${block('sequenceDiagram\n  A->>B: x')}`, format),
    );
    const svgs = [...doc.querySelectorAll('svg')];
    expect(svgs).toHaveLength(2);
    const ids = [...doc.querySelectorAll('[id]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const svg of svgs) {
      const own = new Set([...svg.querySelectorAll('[id]')].map((element) => element.id));
      const refs = [...svg.outerHTML.matchAll(/url\(#([^)]+)\)/g)].map((match) => match[1]);
      for (const ref of refs) expect(own.has(ref!), ref).toBe(true);
    }
  });

  test('colours follow the page: greys become mixes of --fg and --bg', async () => {
    const html = await renderNote(block('graph TD\n  A-->B'), format);
    expect(html).toContain('var(--fg)');
    expect(html).toMatch(/color-mix\(in srgb, var\(--fg\) \d+%, var\(--bg\)\)/);
    expect(html).not.toMatch(/(fill|stroke):\s*#[0-9a-f]{3,8}\b/i);
  });

  test.each([
    { source: 'graph TD\n  A-->', message: 'Parse error' },
    { source: 'invalid src text', message: 'No diagram type detected' },
    { source: 'sequenceDiagram\n  Alice->>: hi', message: 'Parse error' },
  ])('$source fails the build at the block', async ({ source, message }) => {
    const error = await renderNote(`本文\n\n${block(source)}`, format).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toContain(`.${format}:3: this Mermaid diagram does not parse`);
    expect(error?.message).toContain(message);
  });

  test.each([
    'graph TD\n  A["<img src=x onerror=alert(1)>"] --> B["<script>alert(1)</script>"]',
    'graph TD\n  A --> B\n  click A "javascript:alert(1)"',
    'graph TD\n  A --> B\n  click B href "https://example.com/x"',
    '%%{init: {"themeCSS": "@import url(https://evil.example/x.css); .node rect { fill: url(https://evil.example/p.png) }"}}%%\ngraph TD\n  A --> B',
    '%%{init: {"securityLevel": "loose", "flowchart": {"htmlLabels": true}}}%%\ngraph TD\n  A["<b onmouseover=alert(1)>x</b>"] --> B',
    'graph TD\n  A["<a href=javascript:alert(1)>x</a>"] --> B',
  ])('hostile input stays inert: %s', async (source) => {
    const html = await renderNote(block(source), format);
    const svg = fragment(html).querySelector('svg')!;
    expect(svg.querySelectorAll('script, img, a, foreignObject, iframe, image, use[href^="http"]')).toHaveLength(0);
    for (const element of svg.querySelectorAll('*'))
      for (const { name, value } of element.attributes) {
        expect(name).not.toMatch(/^on/i);
        expect(value).not.toMatch(/javascript:|https?:\/\/(?!www\.w3\.org\/)/i);
      }
    expect(html).not.toMatch(/@import|evil\.example/);
  });
});

describe('themeColors', () => {
  test.each([
    ['fill:#000', 'fill:var(--fg)'],
    ['fill:#ffffff', 'fill:var(--bg)'],
    ['stroke:#808080', 'stroke:color-mix(in srgb, var(--fg) 50%, var(--bg))'],
    ['fill:hsl(0, 0%, 80%)', 'fill:color-mix(in srgb, var(--fg) 20%, var(--bg))'],
    ['fill:rgb(51, 51, 51)', 'fill:color-mix(in srgb, var(--fg) 80%, var(--bg))'],
    ['white-space:nowrap;fill:white', 'white-space:nowrap;fill:var(--bg)'],
    ['#mermaid-1 .node{fill:none}', '#mermaid-1 .node{fill:none}'],
  ])('%s', (css, themed) => {
    expect(themeColors(css)).toBe(themed);
  });
});
