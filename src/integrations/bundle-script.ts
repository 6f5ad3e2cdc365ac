import { build, type BuildOptions } from 'esbuild';

/**
 * A script the site ships outside Vite's bundle (the head script, the modules loaded on use, the
 * service worker), bundled by esbuild the one way they all are: a single minified file for
 * ES2022 browsers, without license comments. Returns its code.
 */
export async function bundleScript(
  entry: string,
  options: Required<Pick<BuildOptions, 'format'>> & Pick<BuildOptions, 'define' | 'plugins' | 'tsconfigRaw'>,
): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    target: 'es2022',
    write: false,
    legalComments: 'none',
    ...options,
  });
  return result.outputFiles[0]!.text;
}
