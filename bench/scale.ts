/**
 * Scale bench (not a test): `npm run bench -- --notes 1000` (or 5000) builds a throwaway site of
 * that many notes made from the memo's text (bench/generate-notes.ts), and a fifth of that size to
 * show the growth is linear, and reports for each: build time per note, peak memory, dist bytes
 * per note, the largest note page, the bytes a cold search fetches in Chromium (the site
 * served gzipped like CloudFront), and what the service worker keeps and how long it takes to fill
 * (bench/offline.ts; `--no-offline` skips it, which takes minutes at 10,000 notes). Budgets: ≤ 16 ms per note at 1,000 notes, per-note time and
 * page size flat as notes grow, search bytes nearly flat. Each site is built `--runs` times (3) from
 * cold and the median time counts. `--keep` keeps the sites in `.bench/`.
 */
import { spawn } from 'node:child_process';
import { open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../tests/support/browser.ts';
import { startStaticServer } from '../tests/support/static-server.ts';
import { generateSite, repoRoot, type GeneratedSite } from './generate-notes.ts';
import { describeFill, offlineFill, type OfflineFill } from './offline.ts';
import { WARM_BUDGET_MS, warmLatencies } from './search.ts';
import { median } from './stats.ts';

export const BUDGET_MS_PER_NOTE = 16;
/** A rebuild after one note changed, as a share of a first build of the same site. */
const REBUILD_BUDGET = 0.25;
const astroBin = join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');

export const option = (args: string[], name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};

/** `--notes N`, the generated site's size (default 1,000): at least the 14 real notes it copies. */
export function notesOption(args: string[]): number {
  const notes = Number(option(args, 'notes') ?? 1000);
  if (!Number.isInteger(notes) || notes < 14)
    throw new Error(`--notes must be a whole number ≥ 14 (got ${option(args, 'notes')})`);
  return notes;
}

export interface BuildFigures {
  seconds: number;
  /** Peak resident memory of the `astro build` process (Node), and of its whole process tree (sampled). */
  peakRssMiB: number;
  peakTreeRssMiB: number;
}

/** Resident memory of `pid` and its descendants, from /proc (Linux), in KiB. */
async function treeRss(pid: number): Promise<number> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(status.slice(status.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const next = queue.pop()!;
    const status = await readFile(`/proc/${next}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    queue.push(...(children.get(next) ?? []));
  }
  return total;
}

/**
 * `astro build` in the site's folder (with this project's Astro, or the CLI `bin`), timed, with its
 * peak memory. Throws with the output on failure.
 */
export async function buildSite(dir: string, bin = astroBin): Promise<BuildFigures> {
  // Records the build process's own peak RSS when it exits (Node's getrusage).
  const probe = join(dir, '.peak-rss.mjs');
  const result = join(dir, '.peak-rss');
  await writeFile(
    probe,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(result)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  // The build's output goes straight to a file: reading it through a pipe cost this process CPU
  // that the build (on a 2-core machine) would otherwise have.
  const log = join(dir, 'build.log');
  const out = await open(log, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(probe).href, bin, 'build'], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', out.fd, out.fd],
  });
  let peakTree = 0;
  const sampler = setInterval(() => {
    if (child.pid) void treeRss(child.pid).then((kib) => (peakTree = Math.max(peakTree, kib)));
  }, 1000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await out.close();
  if (code !== 0)
    throw new Error(`astro build of ${dir} failed (${code}):\n${(await readFile(log, 'utf8')).slice(-4000)}`);
  const peak = Number(await readFile(result, 'utf8'));
  return { seconds, peakRssMiB: Math.round(peak / 1024), peakTreeRssMiB: Math.round(peakTree / 1024) };
}

async function distFigures(dist: string): Promise<{ bytes: number; largestNotePage: number; pagefindBytes: number }> {
  let bytes = 0;
  let largestNotePage = 0;
  let pagefindBytes = 0;
  for (const entry of await readdir(dist, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const size = (await stat(path)).size;
    bytes += size;
    const relativePath = path.slice(dist.length + 1);
    if (relativePath.startsWith('pagefind/')) pagefindBytes += size;
    if (/^notes\/[^/]+\/index\.html$/.test(relativePath)) largestNotePage = Math.max(largestNotePage, size);
  }
  return { bytes, largestNotePage, pagefindBytes };
}

/**
 * Bytes on the wire (gzipped bodies + headers) for a first search on a cold cache: open the IAM
 * note, press `/`, type 認証, wait for the results. Counts the search module and every Pagefind
 * file (entry, wasm, meta, index chunks, fragments of the results shown).
 */
/** What a Pagefind or search request is: the parts that grow with the site are `meta` and `index`. */
const searchKind = (path: string) =>
  path.startsWith('/_astro/search.')
    ? 'search UI'
    : /\.pf_meta$/.test(path)
      ? 'meta'
      : /\.pf_index$/.test(path)
        ? 'index'
        : /\.pf_fragment$/.test(path)
          ? 'fragments'
          : /\.pf_filter$/.test(path)
            ? 'filters'
            : /wasm/.test(path)
              ? 'wasm'
              : 'js/json';

/**
 * A first search for `query` on the IAM note, cold (the bytes it fetches, by kind), then warm
 * searches with the index loaded (ms from the last keystroke to the results, bench/search.ts).
 */
export async function searchFigures(
  dist: string,
  query = '認証',
): Promise<{ bytes: number; requests: number; byKind: Record<string, number>; warmMs: number[] }> {
  const server = await startStaticServer({ root: dist, gzip: true });
  const browser = await launchChromium();
  try {
    // No service worker: it could answer the search module from its cache, unmeasured (bench/search.ts).
    const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
    const fetched: Promise<{ kind: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/pagefind/') || path.startsWith('/_astro/search.')) {
        fetched.push(
          request
            .sizes()
            .then((sizes) => ({ kind: searchKind(path), bytes: sizes.responseBodySize + sizes.responseHeadersSize })),
        );
      }
    });
    await page.goto(`${server.url}/notes/iam/`, { waitUntil: 'load' });
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.id === 'search-input', undefined, { timeout: 10_000 });
    await page.keyboard.insertText(query);
    await page.waitForFunction(
      (q) => document.getElementById('search-status')?.textContent?.includes(`「${q}」`),
      query,
      { timeout: 20_000 },
    );
    await page.locator('dialog[open] a[href*="/notes/"]').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500); // let the shown results' fragments finish
    const sizes = await Promise.all(fetched);
    const byKind: Record<string, number> = {};
    for (const { kind, bytes } of sizes) byKind[kind] = (byKind[kind] ?? 0) + bytes;
    const warmMs = await warmLatencies(page);
    return { bytes: sizes.reduce((sum, { bytes }) => sum + bytes, 0), requests: sizes.length, byKind, warmMs };
  } finally {
    await browser.close();
    await server.close();
  }
}

export interface ScaleFigures {
  notes: number;
  build: BuildFigures & { runs: number[] };
  /** A rebuild with Astro's cache after one note changed, and whether it equals a first build. */
  rebuild?: { seconds: number; identical: boolean; differing: string[] };
  msPerNote: number;
  distBytesPerNote: number;
  largestNotePage: number;
  pagefindBytes: number;
  search: Awaited<ReturnType<typeof searchFigures>>;
  /** Undefined with `--no-offline`. */
  offline?: OfflineFill;
}

/** What a build leaves in a site: removed between runs, so each run is a first build. */
export const BUILD_OUTPUTS = ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite'];
/** What the deploy workflow keeps between builds (its cache step); a fresh checkout has none of the rest. */
const KEPT_BY_CI = 'node_modules/.astro';

/**
 * Builds the site `runs` times from cold and keeps the median time: on this shared 2-core VM one
 * build of the same site varies by ±15 % from run to run, more than the changes being measured.
 */
async function buildRuns(dir: string, runs: number): Promise<BuildFigures & { runs: number[] }> {
  const all: BuildFigures[] = [];
  for (let i = 0; i < runs; i++) {
    if (i > 0) await Promise.all(BUILD_OUTPUTS.map((name) => rm(join(dir, name), { recursive: true, force: true })));
    all.push(await buildSite(dir));
  }
  const seconds = all.map((figures) => figures.seconds);
  return {
    seconds: median(seconds),
    runs: seconds,
    peakRssMiB: Math.max(...all.map((figures) => figures.peakRssMiB)),
    peakTreeRssMiB: Math.max(...all.map((figures) => figures.peakTreeRssMiB)),
  };
}

/** Builds of each site whose median counts (`--runs`). */
const DEFAULT_RUNS = 3;

/** Every file of a build (pages, search index, service worker, assets), by path, as a digest. */
async function distFiles(dist: string): Promise<Map<string, string>> {
  const entries = await readdir(dist, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dist, join(entry.parentPath, entry.name)));
  const digests = new Map<string, string>();
  for (const file of files.sort())
    digests.set(
      file,
      createHash('sha256')
        .update(await readFile(join(dist, file)))
        .digest('hex'),
    );
  return digests;
}

/**
 * What CI does on a push: one note changed, the build run again in a fresh checkout (no `dist/`)
 * with the cache of the last one (`node_modules/.astro/`). Then a first build of the same notes,
 * to check that every file of the rebuild is the same.
 */
async function rebuildAfterOneChange(site: GeneratedSite): Promise<NonNullable<ScaleFigures['rebuild']>> {
  const notesDir = join(site.dir, 'content', 'notes');
  const changed = (await readdir(notesDir)).sort().at(-1)!;
  const text = await readFile(join(notesDir, changed), 'utf8');
  await writeFile(join(notesDir, changed), `${text.trimEnd()}\n\n書き足した一文。\n`);
  await Promise.all(
    BUILD_OUTPUTS.filter((name) => name !== KEPT_BY_CI).map((name) =>
      rm(join(site.dir, name), { recursive: true, force: true }),
    ),
  );
  const { seconds } = await buildSite(site.dir);
  const rebuilt = await distFiles(join(site.dir, 'dist'));
  await Promise.all(BUILD_OUTPUTS.map((name) => rm(join(site.dir, name), { recursive: true, force: true })));
  await buildSite(site.dir);
  const first = await distFiles(join(site.dir, 'dist'));
  const differing = [...new Set([...first.keys(), ...rebuilt.keys()])].filter(
    (file) => first.get(file) !== rebuilt.get(file),
  );
  return { seconds, identical: differing.length === 0, differing: differing.slice(0, 10) };
}

export async function measure(
  notes: number,
  keep = false,
  runs = DEFAULT_RUNS,
  rebuild = false,
  offline = true,
): Promise<ScaleFigures> {
  const site: GeneratedSite = await generateSite(notes);
  try {
    const build = await buildRuns(site.dir, runs);
    const rebuilt = rebuild ? await rebuildAfterOneChange(site) : undefined;
    const dist = join(site.dir, 'dist');
    const { bytes, largestNotePage, pagefindBytes } = await distFigures(dist);
    const search = await searchFigures(dist);
    const filled = offline ? await offlineFill(dist) : undefined;
    return {
      notes,
      build,
      rebuild: rebuilt,
      msPerNote: (build.seconds * 1000) / notes,
      distBytesPerNote: bytes / notes,
      largestNotePage,
      pagefindBytes,
      search,
      offline: filled,
    };
  } finally {
    if (!keep) await site.remove();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function run(args: string[] = []): Promise<Record<string, number | string>> {
  const notes = notesOption(args);
  const keep = args.includes('--keep');
  const runs = Number(option(args, 'runs') ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1 (got ${runs})`);
  const small = Math.max(14, Math.round(notes / 5));
  const offline = !args.includes('--no-offline');
  const a = await measure(small, keep, runs, false, offline);
  const b = await measure(notes, keep, runs, true, offline);
  // The cost of each added note, free of the fixed start-up time: linear growth keeps it flat.
  const marginal = ((b.build.seconds - a.build.seconds) * 1000) / (b.notes - a.notes);
  const row = (f: ScaleFigures) => ({
    [`build, ${f.notes} notes`]: `${f.build.seconds.toFixed(1)} s = ${f.msPerNote.toFixed(1)} ms/note${
      f.build.runs.length > 1 ? ` (median of ${f.build.runs.map((t) => t.toFixed(1)).join(', ')} s)` : ''
    }`,
    [`peak memory, ${f.notes} notes`]: `${f.build.peakRssMiB} MiB (astro), ${f.build.peakTreeRssMiB} MiB (with Pagefind, sampled)`,
    [`dist per note, ${f.notes} notes`]: kb(f.distBytesPerNote),
    [`largest note page, ${f.notes} notes`]: kb(f.largestNotePage),
    [`Pagefind index, ${f.notes} notes`]: kb(f.pagefindBytes),
    [`cold search fetch, ${f.notes} notes`]: `${kb(f.search.bytes)} in ${f.search.requests} requests`,
    [`  of which, ${f.notes} notes`]: Object.entries(f.search.byKind)
      .map(([kind, bytes]) => `${kind} ${kb(bytes)}`)
      .join(', '),
    [`search, ${f.notes} notes: last keystroke to results`]: `median ${Math.round(median(f.search.warmMs))} ms, max ${Math.round(
      Math.max(...f.search.warmMs),
    )} ms (${f.search.warmMs.length} queries): ${median(f.search.warmMs) <= WARM_BUDGET_MS ? 'met' : 'MISSED'} (median ≤ ${WARM_BUDGET_MS} ms)`,
    [`offline copy, ${f.notes} notes`]: f.offline ? describeFill(f.offline) : 'not measured (--no-offline)',
  });
  return {
    ...row(a),
    ...row(b),
    [`rebuild after one note changed, ${b.notes} notes`]: b.rebuild
      ? `${b.rebuild.seconds.toFixed(1)} s = ${Math.round((100 * b.rebuild.seconds) / b.build.seconds)} % of a first build; ${
          b.rebuild.identical ? 'every file identical to a first build' : `DIFFERS: ${b.rebuild.differing.join(', ')}`
        }`
      : 'not measured',
    [`budget: rebuild ≤ ${REBUILD_BUDGET * 100} % of a first build`]:
      b.rebuild && b.rebuild.identical && b.rebuild.seconds <= REBUILD_BUDGET * b.build.seconds ? 'met' : 'MISSED',
    'added cost per note (marginal)': `${marginal.toFixed(1)} ms/note`,
    [`budget: ≤ ${BUDGET_MS_PER_NOTE} ms/note at 1,000`]:
      notes === 1000
        ? b.msPerNote <= BUDGET_MS_PER_NOTE
          ? 'met'
          : `MISSED (${b.msPerNote.toFixed(1)})`
        : 'run with --notes 1000',
    'search fetch growth': `×${(b.search.bytes / a.search.bytes).toFixed(2)} for ×${(b.notes / a.notes).toFixed(1)} notes`,
  };
}
