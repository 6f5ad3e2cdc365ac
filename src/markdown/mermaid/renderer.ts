import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { drawInPage, mermaidConfig, type Drawn } from './draw.ts';

export type Rendered = Drawn;

/** The site's stylesheet (`src/styles/global.css`): the page diagrams are measured in. Found from this module. */
const SITE_STYLESHEET = fileURLToPath(new URL('../../styles/global.css', import.meta.url));

export interface MermaidRendererOptions {
  /** Where each diagram's SVG is kept, by a hash of everything that shapes it. */
  cacheDir: string;
}

const require = createRequire(import.meta.url);
const mermaidBundle = require.resolve('mermaid/dist/mermaid.min.js');
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;
/** A browser nobody asked to draw for this long is closed (a build's own exit closes it sooner). */
const idleMs = 10_000;

/**
 * Mermaid diagrams drawn in real Chromium, so text is measured with the fonts the reader's
 * browser uses (svgdom, used before, measured everything with Open Sans' metrics and could not
 * lay out sequence, Gantt or ER diagrams at all).
 *
 * - One browser for the build, launched by the first diagram that is not in the cache: a site
 *   without diagrams, or whose diagrams are all cached, never starts one.
 * - One page, with the site's own stylesheet, so labels are measured in the font stack and text
 *   settings they are shown with. Mermaid's bundle is put in the page from `node_modules`; every
 *   request the page makes is refused (no network).
 * - Diagrams are drawn one at a time (Mermaid keeps global state while it renders).
 * - Each result (the SVG, or Mermaid's error) is kept in `cacheDir`, keyed by the source, the id,
 *   Mermaid's version, its configuration, the drawing code and the site's stylesheet.
 */
export class MermaidRenderer {
  readonly #options: MermaidRendererOptions;
  #page: Promise<Page> | undefined;
  #browser: Browser | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #idle: NodeJS.Timeout | undefined;
  #stylesheet: Promise<string> | undefined;

  constructor(options: MermaidRendererOptions) {
    this.#options = options;
  }

  async render(id: string, source: string): Promise<Rendered> {
    const stylesheet = await (this.#stylesheet ??= readFile(SITE_STYLESHEET, 'utf8'));
    const key = createHash('sha256')
      .update(JSON.stringify({ mermaidVersion, mermaidConfig, draw: drawInPage.toString(), stylesheet, id, source }))
      .digest('hex');
    const cached = join(this.#options.cacheDir, `${key}.json`);
    const hit = await readFile(cached, 'utf8').then(
      (text) => JSON.parse(text) as Rendered,
      () => undefined,
    );
    if (hit) return hit;
    const drawn = await this.#draw(id, source, stylesheet);
    await mkdir(this.#options.cacheDir, { recursive: true });
    // Written whole, then renamed: a build stopped midway never leaves half a file to read back.
    const partial = `${cached}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(drawn));
    await rename(partial, cached);
    return drawn;
  }

  /** Closes the browser, if one was started. */
  async close() {
    clearTimeout(this.#idle);
    const browser = this.#browser;
    this.#page = undefined;
    this.#browser = undefined;
    await browser?.close();
  }

  #draw(id: string, source: string, stylesheet: string): Promise<Drawn> {
    this.#pending++;
    clearTimeout(this.#idle);
    const drawn = this.#queue.then(async () => {
      const page = await (this.#page ??= this.#open(stylesheet));
      return page.evaluate(drawInPage, { id, source });
    });
    this.#queue = drawn.catch(() => undefined);
    return drawn.finally(() => {
      if (--this.#pending === 0) this.#idle = setTimeout(() => void this.close(), idleMs).unref();
    });
  }

  async #open(stylesheet: string): Promise<Page> {
    try {
      const browser = (this.#browser = await launchChromium('drawing Mermaid diagrams at build time'));
      const page = await browser.newPage();
      await page.route('**/*', (route) => route.abort());
      // The note's own surroundings: `.prose > .mermaid-diagram`, under the site's stylesheet.
      await page.setContent(
        `<!doctype html><html lang="ja"><head><style>${stylesheet}</style></head>` +
          '<body><main class="prose"><div class="mermaid-diagram" id="host"></div></main></body></html>',
      );
      await page.addScriptTag({ path: mermaidBundle });
      await page.evaluate((config) => window.mermaid.initialize(config), mermaidConfig);
      return page;
    } catch (error) {
      this.#page = undefined;
      await this.close();
      throw error;
    }
  }
}

/**
 * A renderer for the project at `root`, keeping its SVGs under `node_modules/.cache/mermaid`. The
 * Markdown pipeline makes one per build (its browser starts at the first diagram, closes when idle).
 */
export const projectMermaidRenderer = (root: string) =>
  new MermaidRenderer({ cacheDir: join(root, 'node_modules/.cache/mermaid') });
