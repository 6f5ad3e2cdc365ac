/**
 * How big and how deep a note may be before the Markdown parser is not asked to read it.
 *
 * The parser's time grows with the note's size (3 MB of the memo's text renders in ~10 s) and,
 * in lists nested in lists, with the cube of their depth (micromark emits every open list's
 * indentation on every line, and mdast-util-from-markdown walks each list's events once per list
 * that holds it): a list nested 2,000 deep ran for minutes and then overflowed the stack with no
 * file named. So such a note fails at once, before any rendering, naming its file and line. No
 * note a reader could follow comes near either limit (docs/quality.md, "Big notes").
 */

/** A note's largest size in bytes: 4 MiB, 200 times the AWS memo (18 KB). */
export const MAX_NOTE_BYTES = 4 * 1024 * 1024;

/** How deep lists and block quotes may nest in a note (the memo's deepest is 3). */
export const MAX_NESTING = 32;

export interface NoteLimitProblem {
  line: number;
  problem: string;
  fix: string;
}

/**
 * The first limit `source` (a note file's text) goes past, if any:
 *
 * ```md
 * (a 5 MB file)                  →  line 1: the note is 5.0 MB, more than the 4 MiB a note may be
 * - a                            →
 *   - b  … 40 levels down        →  line 33: lists and quotes nest 33 deep here, more than 32
 * ```
 */
export function noteLimitProblem(source: string): NoteLimitProblem | undefined {
  const bytes = Buffer.byteLength(source);
  if (bytes > MAX_NOTE_BYTES) {
    return {
      line: 1,
      problem: `the note is ${(bytes / 1024 / 1024).toFixed(1)} MiB, more than the ${MAX_NOTE_BYTES / 1024 / 1024} MiB a note may be (the Markdown parser would take minutes over it)`,
      fix: 'Split it into several notes that link to each other',
    };
  }
  const deep = deepestNesting(source);
  if (deep.depth > MAX_NESTING) {
    return {
      line: deep.line,
      problem: `lists and quotes nest ${deep.depth} deep here, more than the ${MAX_NESTING} levels a note may have (the Markdown parser's time grows with the cube of the depth)`,
      fix: 'Flatten the list: a few levels are all a reader can follow',
    };
  }
  return undefined;
}

const listMarker = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const fenceMarker = /^(`{3,}|~{3,})/;
/** `- - -` or `* * *` is a line, not three lists. */
const thematicBreak = /^(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$/;

/**
 * How deep lists and block quotes nest, at most, and the first line that deep. A quick reading of
 * the lines, not a parse: each list item is open from its marker until a marker at or left of its
 * own starts (so a lazy line cannot hide depth); `>` count on their line; fenced code is skipped.
 * It may count a level too many after a list ends, never one too few for a plainly nested list.
 */
export function deepestNesting(source: string): { depth: number; line: number } {
  const items: number[] = []; // the content column of each open list item, outermost first
  let fence: string | undefined;
  let deepest = { depth: 0, line: 1 };
  const lines = source.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!;
    let column = 0;
    let at = 0;
    let quotes = 0;
    let first = true;
    for (;;) {
      while (text[at] === ' ' || text[at] === '\t')
        column = text[at++] === '\t' ? column + 4 - (column % 4) : column + 1;
      const rest = text.slice(at, at + 12);
      if (rest.startsWith('>')) {
        quotes++;
        at++;
        column++;
        continue;
      }
      const marker = listMarker.exec(rest)?.[0];
      if (!marker || fence || thematicBreak.test(text.slice(at))) break;
      // A marker closes the items it does not sit inside; the markers after it on its line nest in it.
      if (first) while (items.length && items.at(-1)! > column) items.pop();
      first = false;
      at += marker.length;
      column += marker.length;
      items.push(column + 1);
    }
    const fenceText = fenceMarker.exec(text.slice(at))?.[1];
    if (fence) {
      if (fenceText && fenceText[0] === fence[0] && fenceText.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceText) fence = fenceText;
    const depth = items.length + quotes;
    if (depth > deepest.depth) deepest = { depth, line: index + 1 };
  }
  return deepest;
}
