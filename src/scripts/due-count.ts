/**
 * The number of 復習 cards due today on the header's 復習 link, on every page. The review page
 * announces the due times of its deck's studied cards (epoch ms) in a `review:saved` event; this
 * keeps them under `DUE_KEY` and counts those before the next local midnight. Tiny on purpose (it
 * runs on every page), shares no module with the review code (so pages load none of it), and
 * never throws: anything stored but an array of numbers counts as none.
 */
export const DUE_KEY = 'aws-memo:review:due';
/** Also in src/scripts/review/main.ts, which dispatches it. */
export const REVIEW_SAVED = 'review:saved';

export function countDueToday(raw: string | null, now: Date): number {
  let times: unknown;
  try {
    times = JSON.parse(raw ?? '[]');
  } catch {
    return 0;
  }
  if (!Array.isArray(times)) return 0;
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  return times.filter((time) => typeof time === 'number' && time < end).length;
}

/** Fills `[data-due-count]` (its `[data-due-n]`) and shows it, or hides it when nothing is due. */
export function showDueCount(): void {
  const badge = document.querySelector<HTMLElement>('[data-due-count]');
  const number = badge?.querySelector('[data-due-n]');
  if (!badge || !number) return;
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(DUE_KEY);
  } catch {
    // Storage blocked: no count.
  }
  const count = countDueToday(raw, new Date());
  number.textContent = String(count);
  badge.hidden = count === 0;
}

/** Shows the count now, and again whenever the review page saves. */
export function trackDueCount(): void {
  showDueCount();
  addEventListener(REVIEW_SAVED, (event) => {
    const times = (event as CustomEvent<unknown>).detail;
    try {
      localStorage.setItem(DUE_KEY, JSON.stringify(Array.isArray(times) ? times : []));
    } catch {
      // Storage full or blocked: the count just isn't kept.
    }
    showDueCount();
  });
}
