import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { ContentError } from './content-error.ts';

/**
 * Zenn's code-fence info strings, rewritten into a language plus meta that the Shiki transformers
 * in `shiki-transformers.ts` read:
 *
 * ```md
 * ```js:index.js        →  lang "js",  meta `title="index.js"`   (file name above the code)
 * ```diff js            →  lang "js",  meta "diff"               (+/- lines marked)
 * ```diff js:app.js     →  lang "js",  meta `diff title="app.js"`
 * ```js diff :app.js    →  lang "js",  meta `diff title="app.js"`   (any order, a space before ":")
 * ```
 *
 * It also fails on a fenced block that is never closed: Markdown would otherwise swallow the
 * rest of the note into one code block without a word.
 */
export function remarkCodeMeta() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'code', (code) => {
      assertClosed(code, file);
      // Zenn's `parseInfo`: the file name is all after the first ":", the words before it are the
      // language and `diff`, in any order (other words are ignored).
      const info = [code.lang ?? '', code.meta ?? ''].join(' ').trim();
      const colon = info.indexOf(':');
      const words = (colon >= 0 ? info.slice(0, colon) : info).split(/\s+/).filter(Boolean);
      const title = colon >= 0 ? info.slice(colon + 1) : '';
      // A fence of `diff` alone is Shiki's diff grammar, which colours its lines.
      const diff = words.includes('diff') && words.some((word) => word !== 'diff');
      const lang = diff ? words.find((word) => word !== 'diff') : words[0];
      const meta = [...(diff ? ['diff'] : []), ...(title ? [`title="${title.replaceAll('"', '&quot;')}"`] : [])];
      code.lang = lang || null;
      code.meta = meta.length ? meta.join(' ') : null;
    });
  };
}

const fencePattern = /^ {0,3}(`{3,}|~{3,})/;

function assertClosed(code: Code, file: VFile) {
  const { start, end } = code.position ?? {};
  if (start?.offset === undefined || end?.offset === undefined) return;
  const source = String(file.value).slice(start.offset, end.offset);
  const opening = fencePattern.exec(source)?.[1];
  if (!opening) return; // indented code has no fence to close
  const lines = source.split('\n');
  const last = lines.at(-1)?.trim() ?? '';
  const closed =
    lines.length > 1 && last.startsWith(opening[0]!) && /^(`+|~+)$/.test(last) && last.length >= opening.length;
  if (!closed) {
    throw new ContentError(
      file,
      start.line,
      `this code fence "${opening}" is never closed`,
      `Add a line "${opening}" after the code.`,
    );
  }
}
