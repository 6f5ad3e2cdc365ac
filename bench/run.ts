/**
 * `npm run bench`: runs every bench module in bench/ (each exports `run(): Promise<Record<string,
 * number | string>>`) one after another and prints one table per module. Needs a build
 * (`npm run build`). `npm run bench -- search` runs only the modules whose name contains "search".
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type BenchModule = { run(): Promise<Record<string, number | string>> };

const filters = process.argv.slice(2);
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
    const figures = await module.run();
    console.log(`\n## ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.table(Object.entries(figures).map(([metric, value]) => ({ metric, value })));
  } catch (error) {
    failed = true;
    console.error(`\n## ${name}: failed`, error);
  }
}
if (failed) process.exitCode = 1;
