/**
 * A copy button on every code block of a note. The button copies the code as a reader would
 * paste it (`codeText`): no diff markers, no removed lines of a diff, no line numbers. The result
 * is announced in a live region (コピーしました) and shown on the button for a moment.
 */
import css from '../styles/code-copy.css?inline';
import { announcer } from './announce.ts';

/** Elements inside a line that are not code (line numbers, should a transformer add them). */
const NOT_CODE = '.line-number, [data-line-number], [aria-hidden="true"]';

function lineText(line: Element): string {
  if (!line.querySelector(NOT_CODE)) return line.textContent ?? '';
  const copy = line.cloneNode(true) as Element;
  for (const extra of copy.querySelectorAll(NOT_CODE)) extra.remove();
  return copy.textContent ?? '';
}

/**
 * The code of a Shiki block (`pre > code > .line`). In a diff block (`pre.has-diff`, from
 * ```` ```diff js ````) removed lines are left out and each line loses its marker (`+`, or the
 * space of an unchanged line); when every remaining line then starts with a space (`+ foo`
 * written with a space), one more space goes.
 *
 * ```text
 * - const a = 1;        →   const a = 2;
 * + const a = 2;            const b = 3;
 *   const b = 3;
 * ```
 */
export function codeText(pre: Element): string {
  const lines = [...pre.querySelectorAll('code > .line')];
  if (lines.length === 0) return pre.textContent ?? '';
  if (!pre.classList.contains('has-diff')) return lines.map(lineText).join('\n');
  const kept = lines
    .filter((line) => !line.classList.contains('remove'))
    .map((line) => {
      const text = lineText(line);
      return line.classList.contains('add') || text.startsWith(' ') ? text.slice(1) : text;
    });
  const indented = kept.every((text) => text === '' || text.startsWith(' '));
  return (indented ? kept.map((text) => text.slice(1)) : kept).join('\n');
}

const RESET_MS = 2000;

/** Adds the buttons and the live region, if the page has code blocks. */
export function addCopyButtons(): void {
  const blocks = document.querySelectorAll<HTMLElement>('.prose pre.astro-code');
  if (blocks.length === 0) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const announce = announcer();

  for (const pre of blocks) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'コピー';
    const box = document.createElement('div');
    box.className = 'code-block';
    pre.before(box);
    box.append(pre, button);
    let reset: ReturnType<typeof setTimeout> | undefined;
    button.addEventListener('click', async () => {
      let done = true;
      try {
        await navigator.clipboard.writeText(codeText(pre));
      } catch {
        done = false;
      }
      const text = done ? 'コピーしました' : 'コピーできませんでした';
      button.textContent = text;
      announce(text);
      clearTimeout(reset);
      reset = setTimeout(() => (button.textContent = 'コピー'), RESET_MS);
    });
  }
}
