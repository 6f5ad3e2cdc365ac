/**
 * Registers the service worker after the page's `load`, when the browser is idle, so filling its
 * cache never competes with the page itself; and imports the module a message of the worker names
 * (the update notice, after a new release took over: service-worker.ts). Only this origin's
 * service workers can post to `navigator.serviceWorker`. It runs on every page (page-enhance.ts),
 * so it is a few dozen bytes (the JavaScript budget, docs/quality.md). `astro dev` registers nothing.
 */
import { SERVICE_WORKER_URL } from './urls.ts';

export function registerServiceWorker(): void {
  const workers = navigator.serviceWorker;
  if (!import.meta.env.PROD || !workers) return;
  workers.onmessage = (event) => import(/* @vite-ignore */ event.data);
  // Safari has no requestIdleCallback.
  addEventListener('load', () => (self.requestIdleCallback ?? setTimeout)(() => workers.register(SERVICE_WORKER_URL)));
}
