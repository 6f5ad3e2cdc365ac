/**
 * 「Markdownをコピー」 on a note page (src/components/CopyMarkdown.astro): puts the note's Markdown,
 * the text served at `/notes/<id>.md` (`data-markdown`), on the clipboard, shows the result on the
 * button for a moment and announces it in a live region (コピーしました, コピーできませんでした).
 * No page loads this up front: the inline head script imports it when the button is hovered,
 * focused or clicked (`data-module`) and calls `warm` or `open` with the button.
 */
import { announcer } from './announce.ts';

const RESET_MS = 2000;

let announce: ((text: string) => void) | undefined;
const texts = new Map<string, Promise<string>>();
/** Each button's own label, and the timer that puts it back after a result was shown. */
const states = new WeakMap<HTMLElement, { label: string; reset?: ReturnType<typeof setTimeout> }>();

/** The Markdown at the button's URL, fetched once (a failed fetch is tried again next time). */
function markdownOf(button: HTMLElement): Promise<string> {
  const url = button.dataset.markdown ?? '';
  let text = texts.get(url);
  if (!text) {
    text = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.text();
    });
    texts.set(url, text);
    text.catch(() => texts.delete(url));
  }
  return text;
}

/**
 * Writes the text to come. A ClipboardItem takes it as a promise, so the write is asked for at
 * once, while the click still counts as the reader's (Safari refuses a write made after a fetch);
 * browsers without ClipboardItem get plain `writeText`.
 */
async function copy(text: Promise<string>): Promise<void> {
  if (typeof ClipboardItem === 'function') {
    const blob = text.then((value) => new Blob([value], { type: 'text/plain' }));
    await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
  } else {
    await navigator.clipboard.writeText(await text);
  }
}

/** Hovered or focused: the live region goes in now, and the text is fetched before the click. */
export function warm(button: HTMLElement): void {
  announce ??= announcer();
  markdownOf(button).catch(() => {});
}

/** Clicked (or Enter, Space): copies, then says how it went. */
export async function open(button: HTMLElement): Promise<void> {
  warm(button);
  const state = states.get(button) ?? { label: button.textContent ?? '' };
  states.set(button, state);
  let done = true;
  try {
    await copy(markdownOf(button));
  } catch {
    done = false;
  }
  const text = done ? 'コピーしました' : 'コピーできませんでした';
  button.textContent = text;
  announce!(text);
  clearTimeout(state.reset);
  state.reset = setTimeout(() => (button.textContent = state.label), RESET_MS);
}
