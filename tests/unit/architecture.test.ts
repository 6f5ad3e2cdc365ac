/**
 * The shape of `src/` a newcomer relies on: no module imports itself through others (the glossary
 * once imported the pipeline that imported it), folders depend on each other in one direction (the
 * Markdown dialect under the notes, the notes under the build's integrations and the pages), and
 * every Zenn syntax the registries accept is in the README's table. And the build's code loads in
 * plain Node, as Astro first tries.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { zennBlocks } from '../../src/markdown/zenn-blocks.ts';
import { zennEmbeds } from '../../src/markdown/zenn-embeds.ts';

const root = join(import.meta.dirname, '..', '..');
const src = join(root, 'src');

/** Relative imports (static, dynamic, `import type` too) of every .ts/.astro module under `src/`. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|astro)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(src, file));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
    graph.set(
      file,
      specifiers.map((specifier) => resolve(dirname(file), specifier)).filter((target) => /\.(ts|astro)$/.test(target)),
    );
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * The folder graph of a module graph: `src/notes/glossary.ts` is in `notes`, a module at the top of
 * `src/` (`site-config.ts`) is its own folder. Imports inside a folder are left out.
 */
function folderGraph(graph: Map<string, string[]>, base: string): Map<string, string[]> {
  const folderOf = (file: string) => relative(base, file).split(sep)[0]!;
  const folders = new Map<string, Set<string>>();
  for (const [file, imports] of graph) {
    const from = folderOf(file);
    const targets = folders.get(from) ?? new Set<string>();
    folders.set(from, targets);
    for (const target of imports) if (folderOf(target) !== from) targets.add(folderOf(target));
  }
  return new Map([...folders].map(([folder, targets]) => [folder, [...targets].sort()]));
}

/**
 * Folder cycles allowed for now: none. `utils/` is the bottom layer (small pure helpers the dialect
 * and the pages share); what reads the Markdown pass's record lives above it, in `notes/`. A cycle
 * named here must exist (the test below fails once it is gone), so the list can only shrink.
 */
const knownFolderCycles: string[][] = [];

/** Folders that must not import these others: the dialect knows nothing of the notes or the build. */
const mustNotImport: Record<string, string[]> = {
  markdown: ['notes', 'glossary', 'integrations', 'pages', 'layouts', 'components'],
  utils: ['markdown', 'notes', 'glossary', 'integrations', 'pages', 'layouts', 'components'],
  glossary: ['notes', 'integrations', 'pages', 'layouts', 'components'],
  notes: ['integrations', 'pages', 'layouts', 'components'],
};

/** The graph without the edges of the known cycles, so that any other cycle shows. */
function withoutKnownCycles(graph: Map<string, string[]>, known: string[][]): Map<string, string[]> {
  const edges = new Set(known.flatMap((cycle) => cycle.slice(1).map((to, i) => `${cycle[i]}→${to}`)));
  return new Map([...graph].map(([from, targets]) => [from, targets.filter((to) => !edges.has(`${from}→${to}`))]));
}

describe('src/', () => {
  test('has no import cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(40);
    const cycle = findCycle(graph);
    expect(cycle?.map((file) => relative(root, file)).join(' → ')).toBeUndefined();
  });

  test('the cycle check finds a cycle when there is one', () => {
    const a = '/a.ts';
    const b = '/b.ts';
    expect(
      findCycle(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([a, b, a]);
    expect(
      findCycle(
        new Map([
          [a, [b]],
          [b, []],
        ]),
      ),
    ).toBeUndefined();
  });

  test('its folders import each other in one direction (no folder cycle but the known one)', () => {
    const folders = folderGraph(importGraph(), src);
    expect(folders.get('notes')).toContain('markdown');
    expect(findCycle(withoutKnownCycles(folders, knownFolderCycles))).toBeUndefined();
    for (const cycle of knownFolderCycles) {
      expect(
        cycle.slice(1).every((to, i) => folders.get(cycle[i]!)?.includes(to)),
        cycle.join(' → '),
      ).toBe(true);
    }
  });

  test.each(Object.entries(mustNotImport))('src/%s/ imports none of %j', (folder, forbidden) => {
    const imported = folderGraph(importGraph(), src).get(folder) ?? [];
    expect(imported.filter((other) => forbidden.includes(other))).toEqual([]);
  });

  test('the folder check finds a cycle between two folders, through their files', () => {
    const graph = new Map([
      ['/src/markdown/remark-note-previews.ts', ['/src/notes/note-summaries.ts']],
      ['/src/notes/note-summaries.ts', ['/src/markdown/remark-zenn-heading-ids.ts']],
      ['/src/markdown/remark-zenn-heading-ids.ts', []],
    ]);
    // No file imports itself through others, but markdown → notes → markdown.
    expect(findCycle(graph)).toBeUndefined();
    const folders = folderGraph(graph, '/src');
    expect(folders).toEqual(
      new Map([
        ['markdown', ['notes']],
        ['notes', ['markdown']],
      ]),
    );
    expect(findCycle(folders)).toEqual(['markdown', 'notes', 'markdown']);
    expect(findCycle(withoutKnownCycles(folders, knownFolderCycles))).toEqual(['markdown', 'notes', 'markdown']);
    expect(findCycle(withoutKnownCycles(folders, [['markdown', 'notes', 'markdown']]))).toBeUndefined();
  });
});

describe('the build code', () => {
  // Astro imports astro.config.mjs with Node first and, when that throws, quietly loads it through
  // Vite's module runner instead: the same site, built slower (docs/quality.md, "The 14-note
  // build's start-up"). src/content.config.ts require()s the notes loader, where a failure (a
  // top-level await, a parameter property) stops every build.
  const loaders: Record<string, string> = {
    'astro.config.mjs': `await import(${JSON.stringify(join(root, 'astro.config.mjs'))});`,
    'src/notes/notes-loader.ts': `import { createRequire } from 'node:module';
      createRequire(${JSON.stringify(join(src, 'content.config.ts'))})('./notes/notes-loader.ts');`,
  };
  /** Runs an ES module script in plain Node at the project root; returns its last line of output. */
  const runInNode = (script: string) =>
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    })
      .trim()
      .split('\n')
      .at(-1)!;
  test.each(Object.keys(loaders))('%s loads in plain Node, as the build loads it', (file) => {
    expect(runInNode(`${loaders[file]} console.log('loaded');`)).toBe('loaded');
  });

  // What the config has no use for at start-up: `defineConfig` from `astro/config` only returns its
  // argument, but importing it loads svgo and its CSS minifier (~250 modules, ~0.5 s of every
  // build), so the config is typed with JSDoc instead; Mermaid's SVG tools, Mermaid and Playwright
  // load only for a note with a diagram.
  test('astro.config.mjs loads neither astro/config nor Mermaid’s SVG tools, Mermaid or Playwright', () => {
    const script = `import { registerHooks } from 'node:module';
      const loaded = [];
      registerHooks({ load: (url, context, next) => (loaded.push(url), next(url, context)) });
      ${loaders['astro.config.mjs']}
      const unwanted = ['/svgo/', '/csso/', '/astro/dist/config/', '/khroma/', '/hast-util-select/', '/playwright-core/', '/mermaid/dist/'];
      console.log(JSON.stringify({
        config: loaded.some((url) => url.includes('/astro.config.mjs')),
        total: loaded.length,
        unwanted: loaded.filter((url) => unwanted.some((part) => url.includes(\`/node_modules\${part}\`))),
      }));`;
    const report = JSON.parse(runInNode(script)) as { config: boolean; total: number; unwanted: string[] };
    // The logger saw the config and what it loads (hundreds of modules), so an empty list means something.
    expect(report.config).toBe(true);
    expect(report.total).toBeGreaterThan(100);
    expect(report.unwanted).toEqual([]);
  });

  // unist-util-visit-parents, under every remark and rehype plugin's tree walk, renamed its walker
  // for each node it visits (for stack traces): `Object.defineProperty` on a new function per node
  // per walk, ~1.5 ms of a note's ~4.5 ms Markdown pass (docs/quality.md, "The tree walker").
  // `npm install` patches it out (patches/, patch-package); a walker named per node means the
  // patch was not applied.
  test('the tree walker under every Markdown plugin is the patched one (no name per node)', async () => {
    const { visitParents } = await import('unist-util-visit-parents');
    const frames: string[] = [];
    const tree = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'a' }] }] };
    visitParents(tree, 'text', () => void frames.push(...new Error().stack!.split('\n').slice(1, 3)));
    // The visitor's caller is the walker's `visit`, by that name (unpatched: `node (text)`).
    expect(frames[1]).toMatch(/^\s*at visit \(.*unist-util-visit-parents\/lib\/index\.js/);
  });

  // micromark's document tokenizer applies an EditMap to the whole list of events each time lists
  // or quotes close; micromark-util-edit-map 1.0.0 copied every event out and back each time, so a
  // big note parsed in quadratic time (3 MB of the memo: minutes; docs/quality.md, "Big notes").
  // Patched (patches/), an edit touches only the events from its first change on.
  test("the Markdown parser's edit map leaves the events before an edit in place (patched)", async () => {
    const { EditMap } = await import('micromark-util-edit-map');
    type Event = Parameters<InstanceType<typeof EditMap>['consume']>[0][number];
    const events = Array.from({ length: 10_000 }, (_, i) => ['enter', { type: `t${i}` }, {}] as unknown as Event);
    const inserted = ['exit', { type: 'inserted' }, {}] as unknown as Event;
    const writes: number[] = [];
    const watched = new Proxy(events, {
      set: (target, key, value) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) writes.push(Number(key));
        return Reflect.set(target, key, value);
      },
    });
    const edits = new EditMap();
    edits.add(9_990, 0, [inserted]);
    edits.add(9_995, 2, []);
    edits.consume(watched);
    expect(events.map((event) => event[1].type)).toEqual([
      ...Array.from({ length: 9_990 }, (_, i) => `t${i}`),
      'inserted',
      ...[9_990, 9_991, 9_992, 9_993, 9_994, 9_997, 9_998, 9_999].map((i) => `t${i}`),
    ]);
    expect(Math.min(...writes)).toBe(9_990);
  });
});

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const forms = [...Object.values(zennBlocks), ...Object.values(zennEmbeds)].flatMap((entry) => [
    ...entry.usage.map((usage) => usage.replace(/ \(.*\)$/, '')),
    // Embeds other than the link card have no MDX component: Zenn's `@[name](…)` works in .mdx too.
    ...('component' in entry && entry.component ? [`<${entry.component}`] : []),
  ]);
  test.each(forms)('documents %s', (form) => expect(readme).toContain(form));
});
