import { readdir } from 'node:fs/promises';
import { sep } from 'node:path';
import { findDeadLinks } from '/work/main/src/utils/internal-links.ts';
import { buildSearchIndex } from '/work/main/src/integrations/pagefind.ts';
const dist = '/work/main/.bench/scale-1000-GiSewk/dist';
const links = async () => { const t = performance.now(); const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html')).map((f) => f.split(sep).join('/')); await findDeadLinks(dist, files); return performance.now() - t; };
const pf = async () => { const t = performance.now(); await buildSearchIndex(dist); return performance.now() - t; };
for (let i = 0; i < 2; i++) {
  const a = await links(); const b = await pf();
  console.log('sequential', a.toFixed(0), b.toFixed(0), (a + b).toFixed(0));
  const t = performance.now(); const [c, d] = await Promise.all([links(), pf()]);
  console.log('parallel', c.toFixed(0), d.toFixed(0), (performance.now() - t).toFixed(0));
}
