/**
 * Site search, wired into `astro build` and `astro dev`:
 *
 * - `astro:build:done` indexes the built pages with Pagefind's Node API (the npm package runs
 *   `pagefind_extended`, which segments Japanese) and writes `dist/pagefind/`. Pagefind works in
 *   its own process: `indexing` starts it and returns, the link check reads the pages meanwhile,
 *   and `indexed` waits for it and fails the build if it failed (at 1,000 notes the two took
 *   5.3 s one after the other, 3.4–3.7 s side by side).
 * - The search UI (`src/scripts/search/main.ts`) is bundled with esbuild into one hashed file,
 *   `/_astro/search.<hash>.js`, whose URL pages get from the `virtual:search-script` module. No page
 *   loads it up front: the inline head script `import()`s it when search is first opened,
 *   hovered or focused. (An Astro-processed `<script>` would ship a loader to every page, and a file
 *   in `public/` could not be TypeScript nor hashed; so the integration bundles it itself.)
 * - `astro dev` serves `dist/pagefind/` from the last build, if there is one; otherwise the
 *   search dialog says that `npm run build` is needed first.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { bundleBrowserModule, type BrowserModule } from './browser-module.ts';

/** The search UI's entry, found from this module (not from the project root or the working directory). */
const SEARCH_ENTRY = fileURLToPath(new URL('../scripts/search/main.ts', import.meta.url));
const PAGEFIND_DIR = 'pagefind';
const VIRTUAL_ID = 'virtual:search-script';

/**
 * Indexing choices. Only `data-pagefind-body` (the note article) is indexed; inside it, these
 * carry no words a reader searches for and only dilute ranking and excerpts: the table of
 * contents (it repeats the headings), the heading links' screen-reader text (「…」へのリンク),
 * link cards and embed cards (bare reference URLs and ids: "docker" inside a PDF's path is not a hit) and
 * decorative symbols.
 */
const EXCLUDE_SELECTORS = ['.toc', '.heading-anchor', '.link-card', '[aria-hidden="true"]'];

/** Written by `writeFiles` but never loaded: our dialog uses only pagefind.js and pagefind-highlight.js. */
export const UNUSED_UI_FILES = ['pagefind-ui', 'pagefind-modular-ui', 'pagefind-component-ui'].flatMap((name) => [
  `${name}.js`,
  `${name}.css`,
]);

class SearchIndexError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SearchIndexError';
  }
}

export interface IndexResult {
  pageCount: number;
  outputPath: string;
}

/** Indexes `siteDir` into `siteDir/pagefind/`. Always closes Pagefind's backend process. */
export async function buildSearchIndex(siteDir: string, logger?: AstroIntegrationLogger): Promise<IndexResult> {
  // Pagefind's npm package never answers once its process is gone (killed for memory, crashed),
  // and while a request waits it keeps nothing alive of its own: the build would end with nothing
  // left to run, exit 0 and deploy a site without search or offline copy. While this waits, only
  // Pagefind's process can keep Node running, so Node running out of work means it is gone.
  let onBeforeExit = () => {};
  const gone = new Promise<never>((_, reject) => {
    onBeforeExit = () => {
      void pagefind.close();
      reject(
        new SearchIndexError(
          `Pagefind could not index ${siteDir}: its process ended before the index was written (killed, out of memory, or crashed). ` +
            'Build again; if it happens again, give the build more memory (Pagefind holds ~2 GiB at 10,000 notes).',
        ),
      );
    };
  });
  process.once('beforeExit', onBeforeExit);
  try {
    return await Promise.race([writeIndex(siteDir, logger), gone]);
  } finally {
    process.off('beforeExit', onBeforeExit);
  }
}

async function writeIndex(siteDir: string, logger?: AstroIntegrationLogger): Promise<IndexResult> {
  const outputPath = join(siteDir, PAGEFIND_DIR);
  try {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDE_SELECTORS });
    if (!index) throw new Error(errors.join('\n') || 'createIndex returned no index');
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
    if (added.page_count === 0) throw new Error(`no HTML pages under ${siteDir}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
    // Pagefind's ready-made UIs (~370 KB): the site has its own dialog, so they are not deployed.
    await Promise.all(UNUSED_UI_FILES.map((file) => rm(join(outputPath, file), { force: true })));
    const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const pageCount = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    const languages = Object.keys(entry.languages).join(', ');
    logger?.info(`indexed ${pageCount} pages (${languages}) of ${added.page_count} HTML files into ${PAGEFIND_DIR}/`);
    return { pageCount, outputPath };
  } catch (error) {
    throw new SearchIndexError(`Pagefind could not index ${siteDir}: ${(error as Error).message}`, { cause: error });
  } finally {
    await pagefind.close();
  }
}

type SearchBundle = BrowserModule;

/** The search UI (TypeScript, with its CSS) as one hashed module, `/_astro/search.<hash>.js`. */
function bundleSearchScript(): Promise<SearchBundle> {
  return bundleBrowserModule(SEARCH_ENTRY, 'search');
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
};

/** The two halves of the search integration, listed around the link check in `astro.config.mjs`. */
export interface PagefindSearch {
  /** Bundles the search UI and starts indexing the built pages, without waiting for the index. */
  indexing: AstroIntegration;
  /** Waits for the index: the build fails here if Pagefind failed. */
  indexed: AstroIntegration;
}

export default function pagefindSearch(): PagefindSearch {
  let index: Promise<IndexResult> | undefined;
  let root = process.cwd();
  let outDir = join(root, 'dist');
  let command: 'dev' | 'build' | 'preview' | 'sync' = 'build';
  let bundle: Promise<SearchBundle> | undefined;
  const getBundle = () => (bundle ??= bundleSearchScript());

  const indexing: AstroIntegration = {
    name: 'pagefind-search',
    hooks: {
      'astro:config:setup': ({ config, command: cmd, updateConfig }) => {
        root = fileURLToPath(config.root);
        outDir = fileURLToPath(config.outDir);
        command = cmd;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'pagefind-search:script-url',
                resolveId: (id) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined),
                load: async (id) => {
                  if (id !== `\0${VIRTUAL_ID}`) return undefined;
                  // In dev, Vite serves and transforms the TypeScript entry itself.
                  const url =
                    command === 'dev'
                      ? `/${relative(root, SEARCH_ENTRY).split(sep).join('/')}`
                      : (await getBundle()).url;
                  return `export default ${JSON.stringify(url)};`;
                },
              },
            ],
          },
        });
      },
      'astro:server:setup': ({ server }) => {
        // Serve the last build's index in dev; a 404 makes the dialog ask for `npm run build`.
        const indexDir = join(outDir, PAGEFIND_DIR);
        server.middlewares.use(`/${PAGEFIND_DIR}/`, (req, res, next) => {
          const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
          const file = normalize(join(indexDir, path));
          if (!file.startsWith(indexDir + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
          res.setHeader('content-type', contentTypes[extname(file)] ?? 'application/octet-stream');
          res.setHeader('cache-control', 'no-cache');
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const { url, code } = await getBundle();
        await mkdir(join(siteDir, '_astro'), { recursive: true });
        await writeFile(join(siteDir, url), code);
        logger.info(`search UI ${url} (${(code.length / 1024).toFixed(1)} KiB)`);
        index = buildSearchIndex(siteDir, logger);
        // Reported by `indexed`; until then a failure must not end the build before the link check speaks.
        index.catch(() => {});
      },
    },
  };
  const indexed: AstroIntegration = {
    name: 'pagefind-search:indexed',
    hooks: {
      'astro:build:done': async () => {
        if (!index) throw new SearchIndexError('search.indexing must come before search.indexed in astro.config.mjs');
        await index;
      },
    },
  };
  return { indexing, indexed };
}
