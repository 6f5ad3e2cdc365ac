/**
 * The one script every page loads (an external module, deferred, so nothing of it runs before
 * the first paint): the count of 復習 cards due today on the header's 復習 link and, on a note,
 * 目次 tracking; and the service worker's registration (offline reading). (Copy buttons are a
 * script of their own, on notes with code: CodeCopy.astro.)
 * Keep it small: with the inline head script it must stay within 1.5 KB gzipped (docs/quality.md).
 */
import { trackDueCount } from './due-count.ts';
import { trackToc } from './toc-tracking.ts';
import { registerServiceWorker } from './offline/register.ts';

trackDueCount();
trackToc();
registerServiceWorker();
