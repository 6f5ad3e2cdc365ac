import type { Plugin } from 'vite';

/**
 * A Vite plugin that serves a module kept in memory: pages `import … from '<id>'` and get
 * `source()`. The resolved id starts with `\0`, Vite's mark that keeps other plugins (and the
 * file system) away from it.
 */
export function virtualModule(name: string, id: string, source: () => string | Promise<string>): Plugin {
  const resolvedId = `\0${id}`;
  return {
    name,
    resolveId: (requested) => (requested === id ? resolvedId : undefined),
    load: (loaded) => (loaded === resolvedId ? source() : undefined),
  };
}

/** A module whose default export is `value`: `export default "/_astro/search.1a2b3c4d.js";` */
export const defaultExport = (value: unknown) => `export default ${JSON.stringify(value)};`;
