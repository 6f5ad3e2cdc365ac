/**
 * `npm run bench`: runs every bench module in bench/ (each exports `run(): Promise<Record<string,
 * number | string>>`, given the command's arguments) one after another and prints one table per
 * module. Needs a build (`npm run build`). `npm run bench -- search` runs only the modules whose
 * name contains "search"; `--notes N` is passed through (the scale bench's site size).
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type BenchModule = { run(args: string[]): Promise<Record<string, number | string>> };

// `--name value` options go to every module (`npm run bench -- --notes 1000` sizes the scale
// bench); other words pick modules by name.
const args = process.argv.slice(2);
const filters = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const files = (await readdir(import.meta.dirname))
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.d.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

let failed = false;
for (const file of files) {
  const name = basename(file, '.ts');
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as Partial<BenchModule>;
  if (typeof module.run !== 'function') continue;
  const started = performance.now();
  try {
    const figures = await module.run(args);
    console.log(`\n## ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.table(Object.entries(figures).map(([metric, value]) => ({ metric, value })));
  } catch (error) {
    failed = true;
    console.error(`\n## ${name}: failed`, error);
  }
}
if (failed) process.exitCode = 1;
