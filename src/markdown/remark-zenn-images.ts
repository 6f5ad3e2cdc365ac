import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { imageMetadata } from 'astro/assets/utils';
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Emphasis, Image, Link, Node, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { safeDecodeUri } from '../utils/safe-decode.ts';
import { toSlashPath } from '../utils/slash-path.ts';
import { ContentError } from './content-error.ts';
import { inPlaceProblem, warnInPlace } from './content-warnings.ts';
import { paragraphFromLines, splitParagraphLines, type ParagraphLine } from './paragraph-lines.ts';
import { sizeAttributes, type ZennImageSize } from './remark-zenn-image-size.ts';
import { record } from './recorded.ts';

export interface ZennImagesOptions {
  /** The project root (absolute). */
  root: string;
  /** The content folder, relative to the root: Zenn's `/images/a.png` is `<contentDir>/images/a.png`. */
  contentDir: string;
}

/** How many blocks from the top of a note an image may be and still load at once (it may be in the first view). */
const EAGER_BLOCKS = 2;
/**
 * The widest a local image is made (twice the ~800 px column, for sharp text on 2x screens); its
 * link opens the original. An image given a width (`=250x`) is made twice that wide, for the same reason.
 */
const MAX_IMAGE_WIDTH = 1600;

/**
 * Zenn's images, as a reader should get them:
 *
 * ```md
 * ![構成図](/images/arch.png)   →  <p><a class="image-link" href="/images/arch.png"><img src="/_astro/arch.….webp"
 * *図1 構成*                         width="1200" height="800" loading="lazy" decoding="async" alt="構成図">…</a></p>
 *
 * →  <figure class="image-figure"><a class="image-link" href="/images/arch.png"><img …>
 *    <span class="sr-only">（拡大して表示）</span></a><figcaption>図1 構成</figcaption></figure>
 * ```
 *
 * - A local image (next to the note, or Zenn's `/images/…`, which is `content/images/…`) becomes a
 *   path relative to the note, so Astro's image pipeline (`remarkCollectImages`/`rehypeImages`)
 *   optimizes it: WebP, width and height set, lazy and async. A missing or unreadable file shows
 *   in place as Zenn shows it, with its alt text, and is a warning with its line. A remote image
 *   stays as written, lazy and async too.
 * - Each image not already in a link links to its full-size file (the original, served at its
 *   path under the content folder, or the remote URL): click or keyboard to view it larger,
 *   without JavaScript.
 * - As on Zenn, a line of emphasis right under an image (`*caption*`, same paragraph) is its
 *   caption: the two become a `<figure>` with a `<figcaption>`.
 * - The first image within the first blocks of a note loads at once (it may be in the first view).
 * - Zenn's `=250x` (from `remarkZennImageSize`) sets the width shown: attributes for a remote image,
 *   and for a local one the size Astro makes it (see `localSize`).
 */
export function remarkZennImages(options: ZennImagesOptions) {
  const root = resolve(options.root);
  const contentDir = resolve(root, options.contentDir);
  return async (tree: Root, file: VFile) => {
    visit(tree, 'paragraph', (paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const replacement = withFigures(paragraph);
      if (!replacement) return;
      parent.children.splice(index, 1, ...(replacement as Paragraph[]));
      return [SKIP, index + replacement.length];
    });
    const images: {
      image: Image;
      index: number | undefined;
      parent: { type: string; children: unknown[] } | undefined;
    }[] = [];
    visit(tree, 'image', (image, index, parent) => {
      images.push({ image, index, parent });
    });
    const eagerBefore = tree.children[EAGER_BLOCKS]?.position?.start.line ?? Infinity;
    for (const [order, { image, index, parent }] of images.entries()) {
      const line = image.position?.start.line ?? 1;
      const eager = order === 0 && line < eagerBefore;
      const properties = ((image.data ??= {}).hProperties ??= {});
      const size = image.data.zennSize ?? {};
      let fullSize: string | undefined = image.url;
      if (isLocal(image.url)) {
        const path = localPath(image.url, file, contentDir);
        const original = await checkImage(path, image.url, line, file, { root, contentDir });
        if ('missing' in original) {
          // As on Zenn, the page says where the image should be; its alt text is kept.
          warnInPlace(file, line, original.problem, original.fix);
          if (parent && index !== undefined) parent.children[index] = missingImage(image, original.missing);
          continue;
        }
        // Relative to the note: the form Astro's image pipeline collects and optimizes (WebP, width
        // and height set, lazy and async unless told to load at once).
        image.url = toSlashPath(relative(dirname(file.path), path)).replace(/^(?!\.\.?\/)/, './');
        Object.assign(properties, localSize(size, original), eager ? { loading: 'eager' } : {});
        fullSize = isInside(path, contentDir) ? `/${toSlashPath(relative(contentDir, path))}` : undefined;
      } else {
        Object.assign(properties, sizeAttributes(size), { loading: eager ? 'eager' : 'lazy', decoding: 'async' });
      }
      if (!fullSize || !parent || index === undefined || parent.type === 'link' || parent.type === 'linkReference') {
        continue;
      }
      const zoom: ZennImageLinkNode = { type: 'zennImageLink', url: fullSize, children: [image] };
      parent.children[index] = zoom;
    }
    record(file, { hasImages: images.length > 0 });
  };
}

/**
 * What Astro makes of a local image, and how wide it shows. Astro writes the made image's width and
 * height (so the page does not shift as it loads); Zenn's `=250x` becomes the shown width, in CSS,
 * over an image made twice as wide (never wider than the original or MAX_IMAGE_WIDTH).
 */
function localSize(size: ZennImageSize, original: { width: number; height: number }): Record<string, string | number> {
  const pixels = (value: string | undefined) =>
    value && !value.endsWith('%') && Number(value) > 0 ? Number(value) : undefined;
  const shown = Object.entries(size)
    .filter(([, value]) => value)
    .map(([name, value]) => `--image-${name}:${value!.endsWith('%') ? value : `${value}px`}`);
  const properties: Record<string, string | number> = shown.length ? { style: shown.join(';') } : {};
  const width = pixels(size.width);
  const height = pixels(size.height);
  const made =
    width !== undefined
      ? Math.min(2 * width, original.width, MAX_IMAGE_WIDTH)
      : height !== undefined
        ? Math.min(Math.round((2 * height * original.width) / original.height), original.width, MAX_IMAGE_WIDTH)
        : Math.min(original.width, MAX_IMAGE_WIDTH);
  if (made < original.width) properties.width = made;
  return properties;
}

/** An image's line: the image alone, or a link holding only the image (`[![](a.png)](https://…)`). */
function isImageLine(line: ParagraphLine): boolean {
  const nodes = visible(line.nodes);
  const [only] = nodes;
  if (nodes.length !== 1 || !only) return false;
  if (only.type === 'image') return true;
  return only.type === 'link' && visible(only.children).length === 1 && visible(only.children)[0]!.type === 'image';
}

/** A caption's line: one emphasis and nothing else. */
const captionOf = (line: ParagraphLine | undefined): Emphasis | undefined => {
  const nodes = line ? visible(line.nodes) : [];
  return nodes.length === 1 && nodes[0]!.type === 'emphasis' ? nodes[0] : undefined;
};

const visible = (nodes: PhrasingContent[]) =>
  nodes.filter((node) => !(node.type === 'text' && node.value.trim() === ''));

/** The paragraph split into figures (image line + caption line) and the paragraphs around them, if it has any. */
function withFigures(paragraph: Paragraph): RootContent[] | undefined {
  const lines = splitParagraphLines(paragraph);
  const replacement: RootContent[] = [];
  let run: ParagraphLine[] = [];
  let found = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const caption = captionOf(lines[i + 1]);
    if (!isImageLine(line) || !caption) {
      run.push(line);
      continue;
    }
    found = true;
    if (run.length) replacement.push(paragraphFromLines(run));
    run = [];
    const figure: ZennFigureNode = {
      type: 'zennFigure',
      children: [...(visible(line.nodes) as (Image | Link)[]), caption],
      position: { start: { line: line.line, column: 1 }, end: { line: line.line + 1, column: 1 } },
    };
    replacement.push(figure);
    i++;
  }
  if (!found) return undefined;
  if (run.length) replacement.push(paragraphFromLines(run));
  return replacement;
}

/**
 * A figure: the image (or its link) and the caption, as Zenn shows them.
 * (A node of its own, not a paragraph: the first paragraph of a note is its excerpt.)
 */
export function zennFigureHandler(state: State, node: ZennFigureNode): Element {
  const children = state.all(node);
  const caption = children.findLast((child): child is Element => child.type === 'element');
  if (caption) caption.tagName = 'figcaption';
  const element = h('figure.image-figure', children);
  state.patch(node, element);
  return element;
}

/**
 * The link from an image to its full-size file, named for screen readers by the image's alt text
 * and what the link does. (Its words are left out of search, and out of the note's excerpt.)
 */
export function zennImageLinkHandler(state: State, node: ZennImageLinkNode): Element {
  const image = node.children[0];
  const element = h('a.image-link', { href: node.url }, [
    ...state.all(node),
    h('span.sr-only', { dataPagefindIgnore: '' }, image?.alt ? '（拡大して表示）' : '画像を拡大して表示'),
  ]);
  state.patch(node, element);
  return element;
}

/** An image with its caption (`*…*` on the next line). */
export interface ZennFigureNode extends Node {
  type: 'zennFigure';
  children: [...(Image | Link)[], Emphasis];
}

/** A local image that cannot be shown, as the box that says so. */
export interface ZennImageProblemNode extends Node {
  type: 'zennImageProblem';
}

/** An image inside the link to its full-size file. */
export interface ZennImageLinkNode extends Node {
  type: 'zennImageLink';
  url: string;
  children: [Image];
}

declare module 'mdast' {
  interface BlockContentMap {
    zennFigure: ZennFigureNode;
  }
  interface RootContentMap {
    zennFigure: ZennFigureNode;
    zennImageLink: ZennImageLinkNode;
    zennImageProblem: ZennImageProblemNode;
  }
  interface PhrasingContentMap {
    zennImageLink: ZennImageLinkNode;
    zennImageProblem: ZennImageProblemNode;
  }
}

/** A file of the project: no scheme, not `//host/…`. Other absolute paths (`/favicon.svg`) are the site's own. */
const isLocal = (url: string) =>
  !URL.canParse(url) && !url.startsWith('//') && (!url.startsWith('/') || isZennImagePath(url));
const isZennImagePath = (url: string) => url.startsWith('/images/');

function localPath(url: string, file: VFile, contentDir: string): string {
  const decoded = safeDecodeUri(url.replace(/[?#].*$/, ''));
  return isZennImagePath(url) ? join(contentDir, decoded) : resolve(dirname(file.path), decoded);
}

/**
 * The image's size, or what the page shows in its place (a missing or unreadable file), after
 * checking it is in the content folder (or, for a note
 * kept elsewhere, such as a test's, next to the note): a build keeps a note's render while the
 * content folder is unchanged (`notes/render-cache.ts`), so an image elsewhere could change unseen.
 */
async function checkImage(
  path: string,
  url: string,
  line: number,
  file: VFile,
  { root, contentDir }: { root: string; contentDir: string },
): Promise<{ width: number; height: number } | { missing: string; problem: string; fix: string }> {
  const noteDir = file.path ? dirname(resolve(root, file.path)) : contentDir;
  if (!isInside(path, contentDir) && !isInside(path, noteDir)) {
    throw new ContentError(
      file,
      line,
      `the image "${url}" is outside the content folder (${path})`,
      `Put it in ${toSlashPath(relative(root, contentDir)) || '.'}/, next to the note or in ${toSlashPath(relative(root, join(contentDir, 'images')))}/`,
    );
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    return {
      missing: 'にファイルが存在しません。',
      problem: `the image "${url}" does not exist (no file ${toSlashPath(relative(root, path))})`,
      fix: 'Add the file, or fix the path: "/images/…" is content/images/…, any other path is relative to the note',
    };
  }
  try {
    const { width, height } = await imageMetadata(await readFile(path), path);
    return { width, height };
  } catch (error) {
    return {
      missing: 'は表示できる画像ではありません。',
      problem: `the image "${url}" is not an image Astro can read (${(error as Error).message})`,
      fix: 'Use a PNG, JPEG, WebP, AVIF, GIF or SVG file',
    };
  }
}

/**
 * Where a local image cannot be shown, what Zenn's preview says (「<code>/images/a.png</code>に
 * ファイルが存在しません。」), after the image's alt text, in a marked box.
 */
function missingImage(image: Image, problem: string): ZennImageProblemNode {
  const box = inPlaceProblem('span', image.alt ? `画像「${image.alt}」: ` : '画像: ', h('code', image.url));
  box.children.push({ type: 'text', value: problem });
  return {
    type: 'zennImageProblem',
    position: image.position,
    data: { hName: box.tagName, hProperties: box.properties, hChildren: box.children },
  };
}

const isInside = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};
