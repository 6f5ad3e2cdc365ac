/** Where the offline parts live, shared by the page script, the worker and the build (no imports). */
export const SERVICE_WORKER_URL = '/sw.js';
/** What the worker answers for a page it does not have when there is no network. */
export const OFFLINE_FALLBACK_URL = '/404.html';
