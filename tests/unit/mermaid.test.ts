/**
 * Mermaid blocks through the real pipeline, in `.md` and `.mdx`: inline SVG drawn at build time
 * (in Chromium), safe to put in the page as is, themed by the page's colours, named for screen
 * readers; a diagram Mermaid cannot parse shows its error in place and fails the build with the
 * block's file and line. Drawn SVGs are cached; a build that needs Chromium and has none says
 * what to install.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { afterEach, describe, expect, test } from 'vitest';
import { MermaidRenderer, projectMermaidRenderer } from '../../src/markdown/mermaid/renderer.ts';
import { themeColors } from '../../src/markdown/mermaid/svg.ts';
import { remarkMermaid } from '../../src/markdown/remark-mermaid.ts';
import { projectRoot } from '../support/throwaway-site.ts';
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
  ])("$source shows Mermaid's message and the source in place of the diagram", async ({ source, message }) => {
    const doc = fragment(await renderNote(`本文\n\n${block(source)}`, format));
    const alert = doc.querySelector('aside.msg.alert');
    expect(alert?.textContent).toContain('Mermaid の図を描けませんでした');
    expect(alert?.textContent).toContain(message);
    expect(alert?.querySelector('pre > code')?.textContent).toBe(source);
    expect(doc.querySelector('svg')).toBeNull();
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

describe('ids', () => {
  test('the same diagram twice on a page: two ids; the same diagram on another page: the same id', async () => {
    const flow = block('graph TD\n  A-->B');
    const ids = async (source: string) =>
      [...fragment(await renderNote(source, 'md')).querySelectorAll('.mermaid-diagram > svg')].map((svg) => svg.id);
    const [first, second, other] = await ids(`${flow}\n\n${flow}\n\n${block('graph TD\n  B-->C')}`);
    expect(first).toMatch(/^mermaid-[0-9a-f]{8}-1$/);
    expect(second).toBe(first!.replace(/-1$/, '-2'));
    expect(other).not.toBe(first);
    expect(await ids(`前置き\n\n${flow}`)).toEqual([first]);
  });

  // Mermaid gives a mindmap node's group and its shape the same id.
  test('no id twice within a diagram either', async () => {
    const doc = fragment(await renderNote(block('mindmap\n  root((学習))\n    ストレージ\n      S3'), 'md'));
    const ids = [...doc.querySelectorAll('[id]')].map((element) => element.id);
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// These start Chromium in this process (the pipeline's own drawings happen in Vite's): slow on a busy machine.
describe('a diagram that does not parse', { timeout: 180_000 }, () => {
  const renderer = projectMermaidRenderer(projectRoot);
  const render = async (markdown: string) => {
    const file = await unified()
      .use(remarkParse)
      .use(remarkMermaid, { renderer })
      .use(remarkRehype)
      .use(rehypeStringify)
      .process({ path: 'notes/broken.md', value: markdown });
    return { html: fragment(String(file)), problems: file.data.contentWarnings ?? [] };
  };

  test('shows Mermaid’s error and the source in place, and is a warning once, at its line', async () => {
    const { html, problems } = await render(`本文\n\n${block('graph TD\n  A-->')}\n\n${block('graph TD\n  A-->B')}`);
    const alert = html.querySelector('aside.msg.alert')!;
    expect(alert.textContent).toContain('Mermaid の図を描けませんでした');
    expect(alert.textContent).toContain('Parse error');
    expect(alert.querySelector('pre > code')?.textContent).toBe('graph TD\n  A-->');
    // The diagram after it is drawn all the same.
    expect(html.querySelectorAll('.mermaid-diagram > svg')).toHaveLength(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3 });
    expect(problems[0]?.problem).toMatch(/^this Mermaid diagram does not parse: .*Parse error/);
  });

  test('hostile source in the error box stays text', async () => {
    const { html } = await render(block('<img src=x onerror=alert(1)>'));
    expect(html.querySelector('aside.msg.alert pre code')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(html.querySelector('img, [onerror]')).toBeNull();
  });
});

describe('the renderer', { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  const cacheDir = async () => {
    const dir = await mkdtemp(join(projectRoot, 'tests', '.tmp', 'mermaid-cache-'));
    dirs.push(dir);
    return dir;
  };
  const saved = process.env.CHROMIUM_PATH;
  afterEach(async () => {
    process.env.CHROMIUM_PATH = saved;
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  test('keeps each drawing: a second build draws from the cache, with no Chromium at all', async () => {
    const dir = await cacheDir();
    const first = new MermaidRenderer({ cacheDir: dir });
    const drawn = await first.render('mermaid-cache-1', 'sequenceDiagram\n  利用者->>API: 要求');
    await first.close();
    expect(drawn).toMatchObject({ diagramType: 'sequence' });
    expect(await readdir(dir)).toHaveLength(1);

    process.env.CHROMIUM_PATH = join(dir, 'no-chromium-here');
    const second = new MermaidRenderer({ cacheDir: dir });
    expect(await second.render('mermaid-cache-1', 'sequenceDiagram\n  利用者->>API: 要求')).toEqual(drawn);
    // Another diagram, or the same one under another id, is not in the cache: it needs the browser.
    await expect(second.render('mermaid-cache-2', 'sequenceDiagram\n  利用者->>API: 要求')).rejects.toThrow(
      /no-chromium-here/,
    );
  });

  test('without Chromium, says what to install', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const renderer = new MermaidRenderer({ cacheDir: await cacheDir() });
    const error = await renderer.render('mermaid-x-1', 'graph TD\n  A-->B').then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toContain('Chromium is needed for drawing Mermaid diagrams at build time');
    expect(error?.message).toContain('/nonexistent/chromium');
    expect(error?.message).toContain('apt-get install -y chromium fonts-noto-cjk');
    expect(error?.message).toContain('CHROMIUM_PATH');
  });

  test('a note without diagrams needs no Chromium', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    expect(await renderNote('# 見出し\n\n```js\nconst mermaid = 1;\n```', 'md')).toContain('見出し');
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
