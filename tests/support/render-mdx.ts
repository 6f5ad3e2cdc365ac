import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';

const tmpDir = join(import.meta.dirname, '..', '.tmp');
let counter = 0;
let container: AstroContainer | undefined;

/**
 * Renders MDX through the site's real pipeline (Astro's MDX integration with the processor from
 * `astro.config.mjs`), returning the HTML a note page would contain.
 * A build error (a bad Zenn block, say) rejects with the pipeline's own message.
 */
export async function renderMdx(source: string, name = 'note'): Promise<string> {
  await mkdir(tmpDir, { recursive: true });
  const file = join(tmpDir, `${name}-${process.pid}-${++counter}.mdx`);
  await writeFile(file, source);
  try {
    const module = await import(/* @vite-ignore */ file);
    container ??= await AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) });
    return await container.renderToString(module.default);
  } finally {
    await rm(file, { force: true });
  }
}
