/**
 * Side by side with stock Starlight (not a test): `npm run bench -- starlight` builds this site
 * and a stock Starlight site with the same notes as pages, alternately, from cold, `--runs` times
 * each (3), at 14 notes (the memo) and at `--notes` (1,000), and reports the medians and their
 * ratio. Targets: ≤ 0.5× Starlight's time at 1,000 notes, ≤ 0.7× at 14.
 *
 * Starlight is installed on first use into `.bench/starlight-kit/` (gitignored) from the npm
 * registry, with the Astro this project uses; its pages are the generated notes' text as
 * Markdown with their title and description (Zenn's `:::` blocks are text to it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { benchDir, generateSite, readNotes, repoRoot, type GeneratedSite } from './generate-notes.ts';
import { BUILD_OUTPUTS, buildSite, notesOption, option } from './scale.ts';
import { median } from './stats.ts';

const STARLIGHT_VERSION = '0.42.4';
const kitDir = join(benchDir, 'starlight-kit');
const TARGET_1000 = 0.5;
const TARGET_14 = 0.7;

/** Installs Starlight (and this project's Astro and sharp) once; returns its Astro CLI. */
async function starlightKit(): Promise<string> {
  const bin = join(kitDir, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const ours = JSON.parse(await readFile(join(repoRoot, 'node_modules', 'astro', 'package.json'), 'utf8')) as {
    version: string;
  };
  const installed = existsSync(bin)
    ? (JSON.parse(await readFile(join(kitDir, 'node_modules', 'astro', 'package.json'), 'utf8')) as { version: string })
    : undefined;
  if (installed?.version === ours.version) return bin;
  await mkdir(kitDir, { recursive: true });
  await writeFile(
    join(kitDir, 'package.json'),
    JSON.stringify(
      {
        private: true,
        type: 'module',
        dependencies: { '@astrojs/starlight': STARLIGHT_VERSION, astro: ours.version, sharp: '^0.35.5' },
        allowScripts: { esbuild: true, sharp: true },
      },
      null,
      2,
    ),
  );
  await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: kitDir,
    maxBuffer: 64 * 1024 * 1024,
  });
  return bin;
}

/** A stock Starlight site whose pages are the generated site's notes. */
async function starlightSite(from: GeneratedSite): Promise<string> {
  const dir = join(kitDir, `site-${from.notes}`);
  await rm(dir, { recursive: true, force: true });
  const docs = join(dir, 'src', 'content', 'docs');
  await mkdir(join(docs, 'notes'), { recursive: true });
  await writeFile(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
export default defineConfig({
  integrations: [starlight({ title: 'AWSメモ', defaultLocale: 'root', locales: { root: { label: '日本語', lang: 'ja' } } })],
});
`,
  );
  await writeFile(
    join(dir, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  );
  await writeFile(join(docs, 'index.md'), '---\ntitle: AWSメモ\n---\n\nAWSにおいて備忘録を残す。\n');
  for (const note of await readNotes(join(from.dir, 'content', 'notes'))) {
    const data = note.data as { title: string; description?: string };
    const frontmatter = stringify({
      title: data.title,
      ...(data.description ? { description: data.description } : {}),
    });
    await writeFile(join(docs, 'notes', `${note.id}.md`), `---\n${frontmatter}---\n${note.body}`);
  }
  return dir;
}

/** Cold builds of both sites, alternating so a slow spell of the machine hits both. */
async function compare(notes: number, runs: number, astroOfStarlight: string) {
  const ours = await generateSite(notes);
  const theirs = await starlightSite(ours);
  const times = { ours: [] as number[], starlight: [] as number[] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const [dir, bin, list] of [
        [ours.dir, undefined, times.ours],
        [theirs, astroOfStarlight, times.starlight],
      ] as const) {
        await Promise.all(BUILD_OUTPUTS.map((name) => rm(join(dir, name), { recursive: true, force: true })));
        list.push((await buildSite(dir, bin)).seconds);
      }
    }
  } finally {
    await ours.remove();
    await rm(theirs, { recursive: true, force: true });
  }
  return { ours: median(times.ours), starlight: median(times.starlight), times };
}

export async function run(args: string[] = []): Promise<Record<string, number | string>> {
  const notes = notesOption(args);
  const runs = Number(option(args, 'runs') ?? 3);
  const bin = await starlightKit();
  const figures: Record<string, string> = {};
  // `--notes 14` compares the 14-note site once (its rows would otherwise be written twice).
  const sizes =
    notes === 14
      ? [[14, TARGET_14] as const]
      : ([
          [14, TARGET_14],
          [notes, TARGET_1000],
        ] as const);
  for (const [size, target] of sizes) {
    const { ours, starlight, times } = await compare(size, runs, bin);
    const ratio = ours / starlight;
    figures[`${size} notes: this site`] =
      `${ours.toFixed(1)} s = ${((ours * 1000) / size).toFixed(1)} ms/note (runs ${times.ours.map((t) => t.toFixed(1)).join(', ')} s)`;
    figures[`${size} notes: Starlight ${STARLIGHT_VERSION}`] =
      `${starlight.toFixed(1)} s = ${((starlight * 1000) / size).toFixed(1)} ms/note (runs ${times.starlight.map((t) => t.toFixed(1)).join(', ')} s)`;
    figures[`${size} notes: ratio (target ≤ ${target}×)`] =
      `${ratio.toFixed(2)}× ${ratio <= target ? 'met' : 'MISSED'}`;
  }
  return figures;
}
