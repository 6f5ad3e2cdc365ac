/**
 * A browser module bundled on its own by esbuild into one minified ES module named by its content
 * hash, `/_astro/<name>.<hash>.js`: for code that pages load only on demand, through a URL in a
 * `virtual:` module (the search dialog, the update notice). Astro's own `<script>` processing
 * would add a loader to every page, and Vite's dynamic import a preload helper: both cost more
 * than the pages' whole JavaScript budget leaves.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as esbuild from 'esbuild';
import { bundleScript } from './bundle-script.ts';
import { defaultExport, virtualModule } from './virtual-module.ts';

export interface BrowserModule {
  /** URL path the pages import, e.g. `/_astro/search.1a2b3c4d.js`. */
  url: string;
  code: string;
}

/** Bundles `entry` (TypeScript; CSS imported as a string via `?inline`) as `/_astro/<name>.<hash>.js`. */
export async function bundleBrowserModule(entry: string, name: string): Promise<BrowserModule> {
  const code = await bundleScript(entry, { format: 'esm', plugins: [inlineCss] });
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

/**
 * A browser module that pages load only on use, as an integration: pages import its URL from
 * `virtual:on-demand/<name>` (`astro dev`: the TypeScript entry, which Vite serves; a build: the
 * bundled `/_astro/<name>.<hash>.js`, written when the build is done). List it before `offline()`
 * in astro.config.mjs, so the offline copy keeps the file.
 */
export function onDemandModule(options: { name: string; entry: string }): AstroIntegration {
  const virtualId = `virtual:on-demand/${options.name}`;
  let root = process.cwd();
  let command = 'build';
  let bundle: Promise<BrowserModule> | undefined;
  const getBundle = () => (bundle ??= bundleBrowserModule(join(root, options.entry), options.name));
  return {
    name: `on-demand:${options.name}`,
    hooks: {
      'astro:config:setup': ({ config, command: cmd, updateConfig }) => {
        root = fileURLToPath(config.root);
        command = cmd;
        updateConfig({
          vite: {
            plugins: [
              virtualModule(`on-demand:${options.name}`, virtualId, async () =>
                defaultExport(command === 'dev' ? `/${options.entry}` : (await getBundle()).url),
              ),
            ],
          },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { url, code } = await getBundle();
        const siteDir = fileURLToPath(dir);
        await mkdir(join(siteDir, '_astro'), { recursive: true });
        await writeFile(join(siteDir, url), code);
        logger.info(`${url} (${(code.length / 1024).toFixed(1)} KiB, loaded on use)`);
      },
    },
  };
}
