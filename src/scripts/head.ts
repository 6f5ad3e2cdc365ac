/**
 * The only script a page runs before search is opened, inlined in `<head>` (minified by
 * `head-script.ts`) so the saved theme applies before the first paint, with no flash.
 *
 * - Theme: the saved choice (`localStorage.theme`) sets `<html data-theme>`; the toggle flips it.
 * - Search: the button (`[data-search-src]`, whose data holds the bundled search module's URL), `/`
 *   and Ctrl/Cmd+K import that module and open it; hovering or focusing the button warms it up; a
 *   page opened from a result (the highlight parameter in its URL) marks the hits.
 */
import { HIGHLIGHT_PARAM } from './search/highlight-param.ts';

const THEME_KEY = 'theme';
const TOGGLE = '[data-theme-toggle]';
const SEARCH = '[data-search-src]';

type Theme = 'light' | 'dark';
type SearchEntry = 'open' | 'warm' | 'highlight';

const root = document.documentElement;
const on = <K extends keyof DocumentEventMap>(type: K, listener: (event: DocumentEventMap[K]) => void) =>
  document.addEventListener(type, listener);
const closest = (event: Event, selector: string) => (event.target as Element | null)?.closest?.(selector);

/** Loads the search module (once: the browser caches the import) and calls one of its entry points. */
function search(entry: SearchEntry): void {
  const button = document.querySelector<HTMLElement>(SEARCH);
  if (button) void import(button.dataset.searchSrc!).then((module) => module[entry]());
}

const isDark = () =>
  (root.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) === 'dark';

function showPressed(): void {
  for (const toggle of document.querySelectorAll(TOGGLE)) toggle.setAttribute('aria-pressed', String(isDark()));
}

try {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') root.dataset.theme = saved satisfies Theme;
} catch {
  // Storage blocked: the system's colour scheme applies.
}

on('DOMContentLoaded', () => {
  showPressed();
  if (new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) search('highlight');
});

on('click', (event) => {
  if (closest(event, SEARCH)) search('open');
  else if (closest(event, TOGGLE)) {
    root.dataset.theme = isDark() ? 'light' : 'dark';
    try {
      localStorage.setItem(THEME_KEY, root.dataset.theme);
    } catch {
      // Not saved; the page still switches.
    }
    showPressed();
  }
});

on('keydown', (event) => {
  const modifier = event.ctrlKey || event.metaKey;
  const typing = closest(event, 'input,textarea,select');
  if ((modifier && event.key === 'k') || (!modifier && !event.altKey && event.key === '/' && !typing)) {
    event.preventDefault();
    search('open');
  }
});

const warm = (event: Event) => {
  if (closest(event, SEARCH)) search('warm');
};
on('pointerover', warm);
on('focusin', warm);
