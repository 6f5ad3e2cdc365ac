/**
 * The service worker (`/sw.js`), bundled with its precache list by src/integrations/offline.ts.
 *
 * - Install: Workbox precaches every file of the list (the whole site: offline-precache.ts),
 *   fetching only those whose revision changed since the worker before. The page registers the
 *   worker after its `load`, so this runs in the background.
 * - Activate: a new worker takes over (`skipWaiting`, `clientsClaim`) only once its whole precache
 *   is filled, and Workbox then drops the old version's files: every response comes from one
 *   release, the old one until that moment, the new one after it. If it replaced a worker (a new
 *   release), the pages that worker served are told to show the update notice.
 * - Fetch: precached URLs from the cache (a result's `?pf=` and Pagefind's `?ts=` ignored);
 *   any other page from the network, or the precached 404 page when there is none.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute, PrecacheFallbackPlugin } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { precacheEntries, updateNoticeUrl } from 'virtual:offline-build';
import { HIGHLIGHT_PARAM } from '../search/highlight-param.ts';
import { OFFLINE_FALLBACK_URL } from './urls.ts';

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
declare const self: {
  skipWaiting(): Promise<void>;
  registration: { active: object | null };
  clients: { matchAll(options: { type: 'window' }): Promise<{ postMessage(message: unknown): void }[]> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
};

// An active worker during install: this one replaces it, so a new release is coming.
let replacing = false;
self.addEventListener('install', () => (replacing = self.registration.active !== null));
self.addEventListener('activate', (event) => {
  if (!replacing) return;
  // The pages controlled now are the old release's: they load the notice (register.ts).
  event.waitUntil(
    self.clients
      .matchAll({ type: 'window' })
      .then((pages) => pages.forEach((page) => page.postMessage(updateNoticeUrl))),
  );
});

void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(precacheEntries, {
  // Workbox's defaults (campaign parameters); the search's highlight parameter on a result's page;
  // and the `?ts=<time>` Pagefind adds to its entry file to get past HTTP caches: the entry kept
  // here is the one that matches the kept index, which is the point.
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, new RegExp(`^${HIGHLIGHT_PARAM}$`), /^ts$/],
});
registerRoute(
  new NavigationRoute(
    new NetworkOnly({ plugins: [new PrecacheFallbackPlugin({ fallbackURL: OFFLINE_FALLBACK_URL })] }),
  ),
);
