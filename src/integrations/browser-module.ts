/**
 * A browser module bundled on its own by esbuild into one minified ES module named by its content
 * hash, `/_astro/<name>.<hash>.js`: for code that pages load only on demand, through a URL in a
 * `virtual:` module (the search dialog, the update notice). Astro's own `<script>` processing
 * would add a loader to every page, and Vite's dynamic import a preload helper: both cost more
 * than the pages' whole JavaScript budget leaves.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

export interface BrowserModule {
  /** URL path the pages import, e.g. `/_astro/search.1a2b3c4d.js`. */
  url: string;
  code: string;
}

/** Bundles `entry` (TypeScript; CSS imported as a string via `?inline`) as `/_astro/<name>.<hash>.js`. */
export async function bundleBrowserModule(entry: string, name: string): Promise<BrowserModule> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    plugins: [inlineCss],
  });
  const code = result.outputFiles[0]!.text;
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 10).replace(/[-_]/g, '0');
  return { url: `/_astro/${name}.${hash}.js`, code };
}

/** Vite's `import css from './x.css?inline'`, for esbuild: the minified CSS as a string. */
const inlineCss: esbuild.Plugin = {
  name: 'inline-css',
  setup(build) {
    build.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?inline$/, '')),
      namespace: 'inline-css',
    }));
    build.onLoad({ filter: /.*/, namespace: 'inline-css' }, async (args) => {
      const { code } = await esbuild.transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: 'js' };
    });
  },
};
