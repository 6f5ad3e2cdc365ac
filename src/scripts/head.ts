/**
 * The only script a page runs before search is opened, inlined in `<head>` (minified by
 * `integrations/head-script.ts`) so the saved theme applies before the first paint, with no flash.
 *
 * - Theme: the saved choice (`localStorage.theme`) sets `<html data-theme>`; the toggle flips it.
 * - Buttons whose code loads on use (`[data-module]`, whose data holds a bundled module's URL):
 *   hovering or focusing one imports its module and calls `warm(button)`, a click `open(button)`.
 *   The search button is one (`open` shows the dialog); so is a note's 「Markdownをコピー」.
 * - Search: `/` and Ctrl/Cmd+K open it too (as a click on its button, which opens the dialog natively); a page opened from a result (the highlight parameter
 *   in its URL) marks the hits.
 */
import { HIGHLIGHT_PARAM } from './search/highlight-param.ts';

const THEME_KEY = 'theme';
const TOGGLE = '[data-theme-toggle]';
const LAZY = '[data-module]';
const SEARCH = '.search-button';

type Theme = 'light' | 'dark';
type Entry = 'open' | 'warm' | 'highlight';

const root = document.documentElement;
const on = <K extends keyof DocumentEventMap>(type: K, listener: (event: DocumentEventMap[K]) => void) =>
  document.addEventListener(type, listener);
const closest = (event: Event, selector: string) => (event.target as Element | null)?.closest?.(selector);

/**
 * Loads a button's module (once: the browser caches the import) and calls one of its entry points
 * with the button; without a button, the search's (the keyboard shortcuts, a result's highlight).
 */
function load(entry: Entry, button = document.querySelector<HTMLElement>(SEARCH)): void {
  if (button) void import(button.dataset.module!).then((module) => module[entry](button));
}

const isDark = () =>
  (root.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) === 'dark';

function showPressed(): void {
  // `ariaPressed`, not setAttribute: ten bytes fewer of the budget.
  for (const toggle of document.querySelectorAll(TOGGLE)) (toggle as HTMLElement).ariaPressed = String(isDark());
}

try {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') root.dataset.theme = saved satisfies Theme;
} catch {
  // Storage blocked: the system's colour scheme applies.
}

on('DOMContentLoaded', () => {
  showPressed();
  if (new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) load('highlight');
});

on('click', (event) => {
  const lazy = closest(event, LAZY);
  if (lazy) load('open', lazy as HTMLElement);
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
    // As a click: the button opens the dialog itself (`command="show-modal"`), its input focused,
    // so what is typed while the search module loads is kept; the click then loads the module.
    // Every page's header has the button (`!`: a byte of the budget).
    document.querySelector<HTMLElement>(SEARCH)!.click();
  }
});

// No such button there: `closest` gives null and nothing loads.
const warm = (event: Event) => load('warm', closest(event, LAZY) as HTMLElement | null);
on('pointerover', warm);
on('focusin', warm);
