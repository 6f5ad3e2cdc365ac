/**
 * The number of 復習 cards due today on the header's 復習 link, on every page. The review page
 * announces the due times of its deck's studied cards (epoch ms) in a `review:saved` event; this
 * keeps them under `DUE_KEY` and counts those before the next local midnight. Tiny on purpose (it
 * runs on every page), shares no module with the review code (so pages load none of it), and
 * never throws: anything stored but an array of numbers counts as none.
 */
const DUE_KEY = 'aws-memo:review:due';
/** Also in src/scripts/review/main.ts, which dispatches it. */
const REVIEW_SAVED = 'review:saved';

export function countDueToday(raw: string | null, now: Date): number {
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  try {
    const times: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(times) ? times.filter((time) => typeof time == 'number' && time < end).length : 0;
  } catch {
    return 0;
  }
}

/** localStorage, read or written; blocked or full storage reads as nothing and keeps nothing. */
function stored(value?: string): string | null {
  try {
    if (value === undefined) return localStorage.getItem(DUE_KEY);
    localStorage.setItem(DUE_KEY, value);
  } catch {
    // Blocked or full: no count.
  }
  return null;
}

/** Fills `[data-due-count]` (its `[data-due-n]`) and shows it, or hides it when nothing is due. */
function show(): void {
  const badge = document.querySelector<HTMLElement>('[data-due-count]');
  const number = badge?.querySelector('[data-due-n]');
  if (!badge || !number) return;
  const count = countDueToday(stored(), new Date());
  number.textContent = String(count);
  badge.hidden = !count;
}

/** Shows the count now, and again whenever the review page saves. */
export function trackDueCount(): void {
  show();
  addEventListener(REVIEW_SAVED, (event) => {
    const times = (event as CustomEvent<unknown>).detail;
    stored(JSON.stringify(Array.isArray(times) ? times : []));
    show();
  });
}
