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
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import mime from 'mime';

export interface ContentImagesOptions {
  /** The content folder, relative to the project root. */
  contentDir: string;
}

/** Whether a file is an image, by its extension (`mime`'s table). */
const isImageFile = (path: string) => mime.getType(path)?.startsWith('image/') ?? false;

/** Every image file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listContentImages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && isImageFile(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
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
        server.middlewares.use(async (req, res, next) => {
          const file = imageFileOf(req.url ?? '/', contentRoot);
          const stats = file === undefined ? undefined : await stat(file).catch(() => undefined);
          if (!file || !stats?.isFile()) return next();
          res.setHeader('content-type', mime.getType(file)!);
          res.setHeader('cache-control', 'no-cache');
          createReadStream(file).pipe(res);
        });
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
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (!isImageFile(path) || path.includes('\0')) return undefined;
  const file = resolve(contentRoot, `.${path}`);
  return file.startsWith(contentRoot + sep) ? file : undefined;
}
