/**
 * The images of the content folder, served at their path in it: `content/images/a.png` at
 * `/images/a.png` (the path Zenn articles use), `content/notes/iam/arch.png` at
 * `/notes/iam/arch.png`. Notes show optimized copies (Astro's image pipeline, `remark-zenn-images.ts`);
 * these originals are what an image links to (its full-size view) and what a plain link such as
 * `[図](/images/a.png)` opens.
 *
 * - `astro build`: copied into the build, before the link check runs (so links to them resolve).
 * - `astro dev`: served from the content folder by a middleware.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import mime from 'mime';
import { filesUnder } from '../utils/slash-path.ts';
import { fileUnder, serveFiles } from './dev-files.ts';

export interface ContentImagesOptions {
  /** The content folder, relative to the project root. */
  contentDir: string;
}

/** Whether a file is an image, by its extension (`mime`'s table). */
const isImageFile = (path: string) => mime.getType(path)?.startsWith('image/') ?? false;

/** Every image file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listContentImages(dir: string): Promise<string[]> {
  const files = await filesUnder(dir).catch(() => []);
  return files.filter(isImageFile);
}

export function contentImages({ contentDir }: ContentImagesOptions): AstroIntegration {
  let contentRoot = '';
  return {
    name: 'aws-memo:content-images',
    hooks: {
      'astro:config:setup': ({ config }) => {
        contentRoot = resolve(fileURLToPath(config.root), contentDir);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(serveFiles((url) => imageFileOf(url, contentRoot)));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const images = await listContentImages(contentRoot);
        for (const image of images) {
          const target = join(outDir, image);
          // A file of public/ (or a page) at the same URL: one of the two would be lost.
          if (await stat(target).catch(() => undefined)) {
            throw new Error(
              `${contentDir}/${image} would be served at /${image}, where the build already has a file (from public/?): rename one of them.`,
            );
          }
          await mkdir(dirname(target), { recursive: true });
          await copyFile(join(contentRoot, image), target);
        }
        if (images.length) logger.info(`${images.length} image(s) of ${contentDir}/ served at their path`);
      },
    },
  };
}

/** The image file a request path names in the content folder, or undefined (not an image, or outside it). */
export function imageFileOf(url: string, contentRoot: string): string | undefined {
  const file = fileUnder(contentRoot, url);
  return file !== undefined && isImageFile(file) ? file : undefined;
}
