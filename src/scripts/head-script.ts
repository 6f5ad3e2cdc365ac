import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

/**
 * `head.ts` bundled and minified into the string every page inlines in `<head>`. The CSP allows
 * exactly this script by its hash (infra/security-headers.ts computes it from this same string),
 * so the pages and the policy can never disagree. Built with esbuild's service, not `buildSync`:
 * that spawned a process and held the config's loading for ~130 ms, this takes ~30.
 */
export const headScript: string = (
  await build({
    entryPoints: [fileURLToPath(new URL('./head.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    // A classic inline script: no "use strict" prologue (the code does not rely on it).
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  })
).outputFiles[0]!.text.trim();

const VIRTUAL_ID = 'virtual:head-script';

/**
 * Serves `headScript` to the pages as `virtual:head-script`: built here, in the config's process,
 * where this file's own path is known (inside the page bundle it is not).
 */
export function headScriptModule(): Plugin {
  return {
    name: 'aws-memo:head-script',
    resolveId: (id) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined),
    load: (id) => (id === `\0${VIRTUAL_ID}` ? `export default ${JSON.stringify(headScript)};` : undefined),
  };
}
