/**
 * 穴埋め (cloze) cards from a note's emphasis: each bold or emphasised phrase of the body is asked
 * as its sentence with that phrase blanked. Pure: a note's Markdown tree in, its sentences out
 * (recorded by the Markdown pass, `remark-note-data.ts`, so no note is parsed twice).
 *
 * ```md
 * ## アクセスキー
 * ルートユーザー or IAMユーザー の長期的な認証情報。**アクセスキー**で**プログラムアクセス**ができる。
 * **アクセスキーを使うことで、外部からプログラムアクセスができる**。
 * →
 * { text: 'アクセスキーでプログラムアクセスができる。', blanks: [アクセスキー, プログラムアクセス] }
 * { lead: 'アクセスキー：', text: 'アクセスキーを使うことで、外部からプログラムアクセスができる。', blanks: [the whole phrase] }
 * ```
 *
 * - A sentence ends at 。！？; a paragraph's line breaks are spaces (a list item's first line is
 *   the label its next line explains). A table row is one sentence, its cells joined by ` ｜ `, so a
 *   bold cell is asked beside the cells that explain it.
 * - A phrase of one or two characters is left out: too short to ask.
 * - A phrase that is the whole sentence (nothing but punctuation around it) would be a blank with
 *   no question: it is asked with its section's heading (or the note's title) as the cue,
 *   `アクセスキー：＿＿＿。`. So every phrase of three characters or more is asked exactly once.
 * - Ids are a hash of the sentence's text and the phrase (and which occurrence of that pair in
 *   the note): a rebuild or an edit elsewhere in the note keeps them, so does adding another
 *   phrase to the same sentence.
 */
import { createHash } from 'node:crypto';
import type { Heading, Nodes, Parent, PhrasingContent, Root, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ClozeBlank, ClozeSentence } from '../utils/cloze-deck.ts';
import { headingIds } from './remark-zenn-heading-ids.ts';

/** Shorter phrases (in characters, not UTF-16 units) are not asked. */
const MIN_PHRASE_LENGTH = 3;
/** Between a table row's cells. */
const CELL_SEPARATOR = ' ｜ ';

const sentenceEnd = /[。！？]/u;
/** Only punctuation, symbols and spaces: a sentence with nothing else beside its phrase is the phrase. */
const onlyPunctuation = /^[\p{P}\p{S}\p{Z}\s]*$/u;

interface Flat {
  text: string;
  marks: { start: number; end: number }[];
}

/** A unit's text with line breaks as spaces, and where its outermost emphasis is. */
function flatten(nodes: readonly PhrasingContent[], into: Flat = { text: '', marks: [] }): Flat {
  for (const node of nodes) {
    if (node.type === 'strong' || node.type === 'emphasis') {
      const start = into.text.length;
      into.text += toString(node).replace(/\n/g, ' ');
      into.marks.push({ start, end: into.text.length });
    } else if (node.type === 'break') into.text += ' ';
    else if ('children' in node) flatten(node.children as PhrasingContent[], into);
    else into.text += toString(node).replace(/\n/g, ' ');
  }
  return into;
}

function flattenRow(row: TableRow): Flat {
  const flat: Flat = { text: '', marks: [] };
  row.children.forEach((cell, index) => {
    if (index > 0) flat.text += CELL_SEPARATOR;
    flatten(cell.children, flat);
  });
  return flat;
}

/** Sentence ranges of a unit: split after 。！？, never inside a phrase. */
function sentencesOf({ text, marks }: Flat): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (!sentenceEnd.test(text[i]!) || marks.some((m) => m.start <= i && i < m.end - 1)) continue;
    // Closing brackets and quotes after 。 stay with the sentence.
    let end = i + 1;
    while (end < text.length && /[」』）)\]]/u.test(text[end]!)) end++;
    ranges.push({ start, end });
    start = end;
    i = end - 1;
  }
  if (start < text.length) ranges.push({ start, end: text.length });
  return ranges;
}

const hash = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 10).replace(/[-_]/g, '0');

/** The cloze sentences of a note's tree, in document order. `title` is the cue before any heading. */
export function clozeSentences(tree: Root, title: string): ClozeSentence[] {
  const ids = headingIds(tree);
  const sentences: ClozeSentence[] = [];
  const occurrences = new Map<string, number>();
  let heading: Heading | undefined;

  /** `cue`: what a whole-sentence phrase is asked with. */
  const add = (flat: Flat, cue: string) => {
    for (const range of sentencesOf(flat)) {
      const raw = flat.text.slice(range.start, range.end);
      const offset = range.start + (raw.length - raw.trimStart().length);
      const text = raw.trim();
      const blanks: ClozeBlank[] = [];
      for (const mark of flat.marks) {
        if (mark.start < range.start || mark.start >= range.end) continue;
        const phrase = flat.text.slice(mark.start, mark.end);
        const start = mark.start - offset + (phrase.length - phrase.trimStart().length);
        const answer = phrase.trim();
        if ([...answer].length < MIN_PHRASE_LENGTH) continue;
        const pair = `${text}\0${answer}`;
        const n = (occurrences.get(pair) ?? 0) + 1;
        occurrences.set(pair, n);
        blanks.push({ id: hash(text, answer, String(n)), start, end: start + answer.length });
      }
      if (!blanks.length) continue;
      const whole =
        blanks.length === 1 && onlyPunctuation.test(text.slice(0, blanks[0]!.start) + text.slice(blanks[0]!.end));
      const n = (occurrences.get(text) ?? 0) + 1;
      occurrences.set(text, n);
      sentences.push({
        id: hash(text, String(n)),
        lead: whole ? `${cue}：` : '',
        text,
        blanks,
        anchor: heading ? ids.get(heading)! : '',
        section: heading ? toString(heading).trim() : '',
      });
    }
  };

  const walk = (node: Nodes) => {
    // A heading's own phrase is cued by the note's title; anything else by its section's heading.
    const cue = () => (heading ? toString(heading).trim() : '') || title;
    // A heading's sentence is in its own section (its link opens the heading itself).
    if (node.type === 'heading') {
      heading = node;
      add(flatten(node.children), title);
    } else if (node.type === 'paragraph') add(flatten(node.children), cue());
    else if (node.type === 'tableRow') add(flattenRow(node), cue());
    else if (node.type === 'code' || node.type === 'html') return;
    else if ('children' in node) for (const child of (node as Parent).children) walk(child as Nodes);
  };
  walk(tree);
  return sentences;
}
