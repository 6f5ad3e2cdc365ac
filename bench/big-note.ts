/**
 * Big notes (`npm run bench -- big-note`; issue 26): one note made of the memo's text repeated
 * (each copy under its own `# 写しN`) to 150 KB, 600 KB and 3 MB (`--sizes 150,600,3000`, in KB),
 * and for each:
 *
 * - the Markdown pass alone: the note rendered by the site's pipeline in this process, wall and
 *   CPU time (CPU time moves less with the machine's other load);
 * - `astro build` of the 14 real notes plus that note, against the same site without it.
 *
 * Budget: the 3 MB note builds in under 30 s (compare its CPU seconds when the machine is busy). It took minutes before micromark's edit map was
 * patched (patches/micromark-util-edit-map+1.0.0.patch; docs/quality.md, "Big notes").
 */
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import { ContentWarnings } from '../src/markdown/content-warnings.ts';
import { markdownPipeline } from '../src/notes/markdown-pipeline.ts';
import { createNoteIndex } from '../src/notes/note-index.ts';
import { generateSite, repoRoot, splitNote } from './generate-notes.ts';
import { buildSite, option } from './scale.ts';

/** A note body of at least `kb` KB: the memo's text, copy after copy, each under its own heading. */
export function bigNoteBody(kb: number): string {
  const memo = splitNote(readFileSync(join(repoRoot, 'tests', 'fixtures', 'aws-memo.zenn.md'), 'utf8'))!.body;
  const copies: string[] = [];
  let bytes = 0;
  for (let n = 1; bytes < kb * 1024; n++) {
    const copy = `# 写し${n}\n\n${memo}\n`;
    copies.push(copy);
    bytes += Buffer.byteLength(copy);
  }
  return copies.join('\n');
}

async function renderTimes(root: string, body: string): Promise<{ wall: number; cpu: number }> {
  // As a build makes it: one note index, the notes fixed while it runs.
  const notes = createNoteIndex({ root, contentDir: 'content' });
  notes.filesAreFixed();
  const markdown = markdownPipeline({ root, contentDir: 'content', warnings: new ContentWarnings(false), notes });
  const renderer = await markdown.processor.createRenderer({
    image: { domains: [], remotePatterns: [] },
    syntaxHighlight: markdownConfigDefaults.syntaxHighlight,
    shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...markdown.shikiConfig },
  } as Parameters<typeof markdown.processor.createRenderer>[0]);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await renderer.render(body, { frontmatter: {}, fileURL: pathToFileURL(join(root, 'content', 'notes', 'big.md')) });
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** CPU seconds (user + system) of this process's finished children, Pagefind's under Astro's (Linux). */
async function childrenCpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime, in ticks of 1/100 s
}

/**
 * A cold `astro build` of the site (no renders kept from the build before): wall seconds, the
 * build's CPU seconds (on a loaded machine, wall time is mostly waiting for a core) and peak memory.
 */
async function coldBuild(dir: string): Promise<string> {
  for (const kept of ['dist', '.astro', 'node_modules']) await rm(join(dir, kept), { recursive: true, force: true });
  const cpu = await childrenCpuSeconds();
  const build = await buildSite(dir);
  const used = (await childrenCpuSeconds()) - cpu;
  return `${build.seconds.toFixed(1)} (${used.toFixed(1)}; ${build.peakRssMiB} MiB)`;
}

export async function run(args: string[] = []): Promise<Record<string, number | string>> {
  const sizes = (option(args, 'sizes') ?? '150,600,3000').split(',').map(Number);
  if (sizes.some((kb) => !(kb > 0))) throw new Error(`--sizes takes sizes in KB, such as 150,600,3000`);
  const figures: Record<string, number | string> = {};
  const site = await generateSite(14);
  try {
    figures['build without a big note, s (CPU s; peak)'] = await coldBuild(site.dir);
    for (const kb of sizes) {
      const body = bigNoteBody(kb);
      const label = `${(Buffer.byteLength(body) / 1024).toFixed(0)} KB note`;
      const render = await renderTimes(site.dir, body);
      figures[`${label}: Markdown pass, s (CPU s)`] = `${render.wall.toFixed(1)} (${render.cpu.toFixed(1)})`;
      await writeFile(join(site.dir, 'content', 'notes', 'big.md'), `---\ntitle: "大きなノート"\n---\n${body}`);
      figures[`${label}: build, s (CPU s; peak)`] = await coldBuild(site.dir);
    }
  } finally {
    await site.remove();
  }
  return figures;
}
