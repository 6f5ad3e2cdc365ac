/**
 * Offline and installable (docs/reading.md, "Offline"). In `astro:build:done`, which must run
 * after Pagefind's (this integration comes after it in astro.config.mjs), so the search index is
 * in the list:
 *
 * 1. bundles the update notice on its own (`/_astro/update-notice.<hash>.js`): no page loads it
 *    until the worker says a new release took over;
 * 2. lists the whole build as Workbox's precache manifest (offline-precache.ts);
 * 3. bundles the service worker with that list and the notice's URL into `/sw.js`. The worker
 *    changes whenever any file it keeps does, which is how browsers notice a new release.
 *
 * The web app manifest and its icons are routes (src/pages/manifest.webmanifest.ts, icons/), so
 * the link check sees them; the page script that registers the worker is register.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { bundleBrowserModule } from './browser-module.ts';
import { bundleScript } from './bundle-script.ts';
import { OfflineBuildError, precacheManifest, SERVICE_WORKER_FILE, type Precache } from './offline-precache.ts';

// Found from this module, not from the project root or the working directory.
const SERVICE_WORKER_ENTRY = fileURLToPath(new URL('../scripts/offline/service-worker.ts', import.meta.url));
const UPDATE_NOTICE_ENTRY = fileURLToPath(new URL('../scripts/offline/update-notice.ts', import.meta.url));
const BUILD_MODULE = 'virtual:offline-build';

/** The service worker as one classic script (minified, without Workbox's development logging). */
export async function bundleServiceWorker(precache: Precache, updateNoticeUrl: string): Promise<string> {
  const values = `export const precacheEntries = ${JSON.stringify(precache.entries)};
export const updateNoticeUrl = ${JSON.stringify(updateNoticeUrl)};`;
  return bundleScript(SERVICE_WORKER_ENTRY, {
    format: 'iife',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'offline-build',
        setup(build) {
          build.onResolve({ filter: /^virtual:offline-build$/ }, () => ({ path: BUILD_MODULE, namespace: 'offline' }));
          build.onLoad({ filter: /.*/, namespace: 'offline' }, () => ({ contents: values, loader: 'js' }));
        },
      },
    ],
  });
}

export default function offline(): AstroIntegration {
  return {
    name: 'offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        try {
          const notice = await bundleBrowserModule(UPDATE_NOTICE_ENTRY, 'update-notice');
          await mkdir(join(siteDir, '_astro'), { recursive: true });
          await writeFile(join(siteDir, notice.url), notice.code);
          const precache = await precacheManifest(siteDir);
          await writeFile(join(siteDir, SERVICE_WORKER_FILE), await bundleServiceWorker(precache, notice.url));
          const kib = (precache.bytes / 1024).toFixed(0);
          logger.info(
            `/${SERVICE_WORKER_FILE} keeps ${precache.entries.length} files (${kib} KiB) for offline reading`,
          );
        } catch (error) {
          if (error instanceof OfflineBuildError) throw error;
          throw new OfflineBuildError(`could not build the offline copy: ${(error as Error).message}`, {
            cause: error,
          });
        }
      },
    },
  };
}
