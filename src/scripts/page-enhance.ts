/**
 * The one script every page loads (an external module, deferred, so nothing of it runs before
 * the first paint): the count of 復習 cards due today on the header's 復習 link.
 */
import { trackDueCount } from './due-count.ts';

trackDueCount();
