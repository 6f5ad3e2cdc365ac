import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { bundleScript } from './bundle-script.ts';
import { virtualModule, defaultExport } from './virtual-module.ts';

/**
 * `head.ts` bundled and minified into the string every page inlines in `<head>`. The CSP allows
 * exactly this script by its hash (infra/security-headers.ts computes it from this same string),
 * so the pages and the policy can never disagree. Built with esbuild's service, not `buildSync`:
 * that spawned a process and held the config's loading for ~130 ms, this takes ~30.
 */
export const headScript: string = (
  await bundleScript(fileURLToPath(new URL('../scripts/head.ts', import.meta.url)), {
    format: 'iife',
    // A classic inline script: no "use strict" prologue (the code does not rely on it).
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  })
).trim();

/**
 * Serves `headScript` to the pages as `virtual:head-script`: built here, in the config's process,
 * where this file's own path is known (inside the page bundle it is not).
 */
export function headScriptModule(): Plugin {
  return virtualModule('aws-memo:head-script', 'virtual:head-script', () => defaultExport(headScript));
}
