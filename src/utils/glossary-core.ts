import type { Heading, Nodes, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import Slugger, { slug } from 'github-slugger';
import type { VFile } from 'vfile';
import { ContentError } from '../integrations/content-error.ts';

/**
 * The glossary's building blocks, without file access: where a term is defined in a note's tree,
 * its one-line definition, Japanese collation, and linking the first mention of each term.
 * `glossary.ts` runs them over every note once; `remark-glossary-terms.ts` runs them on the note
 * being rendered. See docs/glossary.md for the authoring form.
 */

/** A `terms:` entry in a note's frontmatter, after the schema's defaults. */
export interface TermDeclaration {
  term: string;
  /** Kana reading, for sorting terms that start with kanji (一時的な… → いちじてきな…). */
  reading?: string;
  /** The heading (its text or its id) whose section defines the term. Defaults to a heading named like the term. */
  heading?: string;
  /** The one-line definition, quoted from the note. Defaults to the first sentence after the heading. */
  definition?: string;
  /** Other spellings that count as a mention (FluentBit for Fluent Bit). */
  aliases: string[];
}

/** Where something was written: a note file and a 1-based line. */
export interface Place {
  file: string;
  line: number;
}

export interface GlossaryTerm {
  term: string;
  reading?: string;
  aliases: string[];
  /** URL-safe key, unique in the glossary (`iamロール`). */
  key: string;
  noteId: string;
  noteTitle: string;
  category: string;
  /** Element id of the defining section in the note page. */
  anchor: string;
  /** `/notes/<id>/#<anchor>` */
  href: string;
  definition: string;
  declaredAt: Place;
}

export const notePath = (id: string) => `/notes/${id}/`;

// ---------------------------------------------------------------------------------------------
// Collation

const collator = new Intl.Collator('ja', { usage: 'sort', sensitivity: 'base', numeric: true });

/** The key a term sorts by: its reading when given, else its own spelling. */
export const sortKey = (term: Pick<GlossaryTerm, 'term' | 'reading'>) => term.reading ?? term.term;

/** Japanese collation (ICU `ja`): Latin first, then kana in gojūon order (hiragana = katakana, ー counts as the vowel). */
export function compareTerms(
  a: Pick<GlossaryTerm, 'term' | 'reading'>,
  b: Pick<GlossaryTerm, 'term' | 'reading'>,
): number {
  return (
    collator.compare(sortKey(a), sortKey(b)) ||
    collator.compare(a.term, b.term) ||
    (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)
  );
}

export function sortTerms<T extends Pick<GlossaryTerm, 'term' | 'reading'>>(terms: readonly T[]): T[] {
  return [...terms].sort(compareTerms);
}

const kanaRows: [label: string, last: string][] = [
  ['あ', 'お'],
  ['か', 'ご'],
  ['さ', 'ぞ'],
  ['た', 'ど'],
  ['な', 'の'],
  ['は', 'ぽ'],
  ['ま', 'も'],
  ['や', 'よ'],
  ['ら', 'ろ'],
  ['わ', 'ん'],
];

/**
 * The index heading a term is listed under: an upper-case letter for Latin terms (`A`…`Z`),
 * the gojūon row for kana (`あ`, `か`, … `わ`), `その他` otherwise (a kanji term without a reading).
 */
export function indexLabel(term: Pick<GlossaryTerm, 'term' | 'reading'>): string {
  const first = sortKey(term).normalize('NFKC').charAt(0);
  if (/[A-Za-z]/.test(first)) return first.toUpperCase();
  if (/[0-9]/.test(first)) return '0–9';
  // Katakana → hiragana (same block offset), small kana → their row via the code point order.
  const code = first.charCodeAt(0);
  let hira = code >= 0x30a1 && code <= 0x30f6 ? String.fromCharCode(code - 0x60) : first;
  if (hira === 'ゔ') hira = 'う';
  if (hira >= 'ぁ' && hira <= 'ん') {
    for (const [label, last] of kanaRows) if (hira <= last) return label;
  }
  return 'その他';
}

/** Terms grouped under their index labels, in collation order. */
export function groupByIndex<T extends Pick<GlossaryTerm, 'term' | 'reading'>>(
  terms: readonly T[],
): { label: string; terms: T[] }[] {
  const groups: { label: string; terms: T[] }[] = [];
  for (const term of sortTerms(terms)) {
    const label = indexLabel(term);
    const group = groups.find((g) => g.label === label);
    if (group) group.terms.push(term);
    else groups.push({ label, terms: [term] });
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Definitions

/** Whitespace folded, as a reader sees it. */
export const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Two spellings are the same term when they match after NFKC, case folding and whitespace folding. */
export const termIdentity = (term: string) => fold(term.normalize('NFKC')).toLowerCase();

export const termKey = (term: string) => slug(term.normalize('NFKC'));

/**
 * The first sentence of a paragraph: up to and including the first 。, or the first line if that
 * ends sooner (the memo writes one statement per line).
 */
export function firstSentence(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  const end = line.indexOf('。');
  return fold(end >= 0 ? line.slice(0, end + 1) : line);
}

/** A term's definition found in a note's tree. */
export interface LocatedTerm {
  declaration: TermDeclaration;
  anchor: string;
  definition: string;
  /** The node that gets the anchor id: the heading, or the block holding the quoted definition. */
  target: Nodes;
  /** Nodes making up the defining section, where the term is not linked. */
  section: Nodes[];
}

/** Heading ids as the site gives them (GitHub slugs in document order; see rehype-heading-anchors). */
export function headingIds(tree: Root): Map<Heading, string> {
  const slugger = new Slugger();
  const ids = new Map<Heading, string>();
  walk(tree, (node) => {
    if (node.type === 'heading') ids.set(node, slugger.slug(toString(node).trim()));
  });
  return ids;
}

function walk(node: Nodes, visit: (node: Nodes, ancestors: Parent[]) => void, ancestors: Parent[] = []): void {
  visit(node, ancestors);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit, [...ancestors, node]);
}

/**
 * Finds each declared term's defining section in a note and gives it an anchor. Fails, naming the
 * declaration's place, when the heading isn't there, when no definition can be taken from it, or
 * when a quoted definition isn't the note's own words.
 */
export function locateTerms(
  tree: Root,
  file: VFile,
  declarations: readonly { declaration: TermDeclaration; line: number }[],
): LocatedTerm[] {
  const ids = headingIds(tree);
  const parents = new Map<Nodes, Parent>();
  const ancestry = new Map<Nodes, Parent[]>();
  walk(tree, (node, ancestors) => {
    if (ancestors.length) parents.set(node, ancestors.at(-1)!);
    ancestry.set(node, ancestors);
  });
  const blockIds = new Map<Nodes, string>();

  return declarations.map(({ declaration, line }) => {
    const fail = (problem: string, fix: string): never => {
      throw new ContentError(file, line, `term "${declaration.term}": ${problem}`, fix);
    };
    // The heading named in `heading:`, else one named like the term, else (with a quoted definition) none.
    const wanted = declaration.heading ?? declaration.term;
    let heading: Heading | undefined;
    for (const [node, id] of ids) {
      if (fold(toString(node)) === fold(wanted) || id === wanted) {
        heading = node;
        break;
      }
    }
    if (declaration.heading !== undefined || declaration.definition === undefined) {
      if (!heading) {
        const known = [...ids.keys()].map((h) => `"${fold(toString(h))}"`).join(', ') || 'none';
        fail(
          declaration.heading
            ? `no heading "${declaration.heading}" in this note`
            : 'no heading with the same text in this note',
          `Set "heading:" to one of this note's headings (${known}), or quote the definition with "definition:" (see docs/glossary.md)`,
        );
      }
    }

    // The quoted definition must be the author's words, found in one paragraph of this note.
    let quotedBlock: Nodes | undefined;
    if (declaration.definition !== undefined) {
      const wantedText = fold(declaration.definition);
      walk(tree, (node) => {
        if (
          !quotedBlock &&
          (node.type === 'paragraph' || node.type === 'tableCell') &&
          fold(toString(node)).includes(wantedText)
        )
          quotedBlock = node;
      });
      if (!quotedBlock) {
        fail(
          'the definition is not in the note',
          'Quote a sentence of the note exactly (emphasis marks left out), or leave "definition:" out to take the first sentence after the heading',
        );
      }
    }

    if (heading) {
      const parent = parents.get(heading)!;
      const start = parent.children.indexOf(heading as never);
      const section: Nodes[] = [heading];
      for (const sibling of parent.children.slice(start + 1) as Nodes[]) {
        if (sibling.type === 'heading' && sibling.depth <= heading.depth) break;
        section.push(sibling);
      }
      let definition = declaration.definition;
      if (definition === undefined) {
        const next = section[1];
        if (next?.type !== 'paragraph') {
          fail(
            `the heading "${fold(toString(heading))}" is not followed by a paragraph to take the definition from`,
            'Quote the defining sentence with "definition:"',
          );
        }
        definition = firstSentence(toString(next as Nodes));
      }
      return { declaration, anchor: ids.get(heading)!, definition: fold(definition), target: heading, section };
    }

    // No heading: the block quoting the definition is the section (a list item as a whole).
    const block =
      ([...(ancestry.get(quotedBlock!) ?? [])].reverse().find((node) => node.type === 'listItem') as
        Nodes | undefined) ?? quotedBlock!;
    let anchor = blockIds.get(block);
    if (!anchor) {
      anchor = `term-${termKey(declaration.term)}`;
      blockIds.set(block, anchor);
    }
    return { declaration, anchor, definition: fold(declaration.definition!), target: block, section: [block] };
  });
}

/** Puts the anchors on the rendered note's nodes (headings keep the id the site gives them anyway). */
export function applyAnchors(located: readonly LocatedTerm[]): void {
  for (const { target, anchor } of located) {
    const data = (target.data ??= {}) as { hProperties?: Record<string, unknown> };
    data.hProperties = { ...data.hProperties, id: anchor };
  }
}

// ---------------------------------------------------------------------------------------------
// Mentions

const latinEdge = /[A-Za-z0-9]/;
const kanaEdge = /[\p{Script=Katakana}ー]/u;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A term inside a longer word is not a mention of it: a Latin term needs no letter or digit on
 * either side (STS, not FIRSTS), a katakana one no katakana (ステージ, not ソースステージ).
 * Kanji and kana-to-kanji joins are left alone: Japanese writes compounds without spaces.
 */
function variantPattern(variant: string): string {
  const guard = (ch: string, side: 'before' | 'after') => {
    const cls = latinEdge.test(ch) ? '[A-Za-z0-9]' : kanaEdge.test(ch) ? '[\\p{Script=Katakana}ー]' : undefined;
    if (!cls) return '';
    return side === 'before' ? `(?<!${cls})` : `(?!${cls})`;
  };
  const chars = [...variant];
  return `${guard(chars[0]!, 'before')}${escape(variant).replace(/ /g, '\\s+')}${guard(chars.at(-1)!, 'after')}`;
}

/** Finds mentions of any glossary term, longest spelling first, case-insensitively. */
export class TermMatcher {
  readonly #byIdentity = new Map<string, GlossaryTerm>();
  readonly #pattern: RegExp | undefined;
  readonly terms: readonly GlossaryTerm[];

  constructor(terms: readonly GlossaryTerm[]) {
    this.terms = terms;
    const variants: string[] = [];
    for (const term of terms) {
      for (const spelling of [term.term, ...term.aliases]) {
        this.#byIdentity.set(termIdentity(spelling), term);
        variants.push(fold(spelling));
      }
    }
    variants.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.#pattern = variants.length ? new RegExp(variants.map(variantPattern).join('|'), 'giu') : undefined;
  }

  /** The term a spelling names (`[[IAMロール]]`), if any. */
  lookup(spelling: string): GlossaryTerm | undefined {
    return this.#byIdentity.get(termIdentity(spelling));
  }

  *mentions(text: string): Generator<{ index: number; text: string; term: GlossaryTerm }> {
    if (!this.#pattern) return;
    const pattern = new RegExp(this.#pattern);
    for (const match of text.matchAll(pattern)) {
      const term = this.lookup(match[0]);
      if (term) yield { index: match.index, text: match[0], term };
    }
  }
}

/** Author syntax for an explicit term link: `[[用語]]` or `[[用語|表示する語]]`. */
const explicitPattern = /\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]/g;

/** Where the linker must not link: code, links, headings, and components other than callouts and details. */
const skippedTypes = new Set([
  'heading',
  'code',
  'inlineCode',
  'link',
  'linkReference',
  'definition',
  'html',
  'image',
  'imageReference',
  'yaml',
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
]);
const linkableComponents = new Set(['Callout', 'Details']);

export interface LinkedTerm {
  term: GlossaryTerm;
  explicit: boolean;
  line: number;
}

export interface LinkOptions {
  matcher: TermMatcher;
  /** The note being linked, to link its own terms with `#anchor` and to skip their sections. */
  noteId?: string;
  located?: readonly LocatedTerm[];
  /** Make the links (the site) or only report them (the glossary's backlink pass). */
  mutate: boolean;
  /** Notes whose terms are unknown because they could not be read (`file:line: problem`). */
  unreadable?: readonly string[];
}

/**
 * Links the first mention of each glossary term in a note to its definition, with the definition
 * as a preview, and turns every `[[用語]]` into such a link (an unknown one fails with file and line).
 * Not linked: headings, code, existing links, components other than Callout/Details, and a
 * term's own defining section. Returns the terms linked, in document order.
 */
export function linkTerms(tree: Root, file: VFile, options: LinkOptions): LinkedTerm[] {
  const { matcher, noteId, located = [], mutate, unreadable = [] } = options;
  const linked: LinkedTerm[] = [];
  const done = new Set<GlossaryTerm>();
  const sectionOf = new Map<Nodes, Set<GlossaryTerm>>();
  for (const { declaration, section } of located) {
    const term = matcher.lookup(declaration.term);
    if (!term) continue;
    for (const node of section) {
      if (!sectionOf.has(node)) sectionOf.set(node, new Set());
      sectionOf.get(node)!.add(term);
    }
  }

  const visit = (node: Nodes, excluded: ReadonlySet<GlossaryTerm>, line: number): void => {
    const here = sectionOf.get(node);
    const inside = here ? new Set([...excluded, ...here]) : excluded;
    const nodeLine = node.position?.start.line ?? line;
    if (node.type === 'text') return;
    if (skippedTypes.has(node.type)) return;
    if (
      (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
      !linkableComponents.has(node.name ?? '')
    )
      return;
    if (!('children' in node)) return;
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type !== 'text') {
        visit(child, inside, nodeLine);
        continue;
      }
      const replacement = linkText(child, inside, child.position?.start.line ?? nodeLine);
      if (replacement && mutate) {
        children.splice(i, 1, ...(replacement as Nodes[]));
        i += replacement.length - 1;
      }
    }
  };

  const linkText = (text: Text, excluded: ReadonlySet<GlossaryTerm>, line: number): PhrasingContent[] | undefined => {
    const value = text.value;
    type Hit = { index: number; length: number; term: GlossaryTerm; label: string; explicit: boolean };
    const hits: Hit[] = [];
    const explicitRanges: [number, number][] = [];
    for (const match of value.matchAll(explicitPattern)) {
      const term = matcher.lookup(match[1]!);
      const at = line + (value.slice(0, match.index).match(/\n/g)?.length ?? 0);
      if (!term) {
        const near = matcher.terms
          .filter((t) => termIdentity(t.term).includes(termIdentity(match[1]!).slice(0, 2)))
          .map((t) => `"${t.term}"`);
        throw new ContentError(
          file,
          at,
          `unknown term "${match[0]}": no note declares "${match[1]!.trim()}"`,
          unreadable.length
            ? `The glossary could not read ${unreadable.length === 1 ? 'this note, so its terms are unknown' : 'these notes, so their terms are unknown'}: ${unreadable.join('; ')}. Fix ${unreadable.length === 1 ? 'it' : 'them'} first`
            : `Declare it under "terms:" in the note that defines it, or fix the spelling${near.length ? ` (glossary terms like it: ${near.slice(0, 5).join(', ')})` : ''}; see docs/glossary.md`,
        );
      }
      hits.push({
        index: match.index,
        length: match[0].length,
        term,
        label: (match[2] ?? match[1]!).trim(),
        explicit: true,
      });
      explicitRanges.push([match.index, match.index + match[0].length]);
    }
    for (const mention of matcher.mentions(value)) {
      if (explicitRanges.some(([from, to]) => mention.index < to && mention.index + mention.text.length > from))
        continue;
      hits.push({
        index: mention.index,
        length: mention.text.length,
        term: mention.term,
        label: mention.text,
        explicit: false,
      });
    }
    hits.sort((a, b) => a.index - b.index);
    const kept = hits.filter((hit) => {
      if (hit.explicit) return true;
      if (done.has(hit.term) || excluded.has(hit.term)) return false;
      done.add(hit.term);
      return true;
    });
    for (const hit of kept) {
      done.add(hit.term);
      linked.push({
        term: hit.term,
        explicit: hit.explicit,
        line: line + (value.slice(0, hit.index).match(/\n/g)?.length ?? 0),
      });
    }
    if (!kept.length) return undefined;
    const out: PhrasingContent[] = [];
    let at = 0;
    for (const hit of kept) {
      if (hit.index > at) out.push({ type: 'text', value: value.slice(at, hit.index) });
      out.push(termLink(hit.term, hit.label, noteId));
      at = hit.index + hit.length;
    }
    if (at < value.length) out.push({ type: 'text', value: value.slice(at) });
    return out;
  };

  visit(tree, new Set(), 1);
  return linked;
}

/** The id of the element holding a term's preview text on a page (see `previewList`). */
export const previewId = (term: GlossaryTerm) => `term-preview-${term.key}`;

/**
 * A term link: the definition is in `data-preview` for the CSS preview (shown on hover and focus,
 * no JavaScript) and in the element `aria-describedby` names, for screen readers.
 */
function termLink(term: GlossaryTerm, label: string, noteId: string | undefined): PhrasingContent {
  const href = term.noteId === noteId ? `#${term.anchor}` : term.href;
  return {
    type: 'link',
    url: href,
    children: [{ type: 'text', value: label }],
    data: {
      hProperties: {
        className: ['term-link'],
        ariaDescribedBy: previewId(term),
        dataPreview: `${term.definition}（${term.noteTitle}）`,
      },
    },
  };
}

/**
 * The previews' text, once per linked term, appended after the note's content: hidden, so
 * readers see the note unchanged, and kept out of the running text so no sentence is split.
 */
export function previewList(terms: readonly GlossaryTerm[]): RootContent {
  return {
    type: 'paragraph',
    data: { hName: 'div', hProperties: { className: ['term-previews'], hidden: true, dataPagefindIgnore: '' } },
    children: terms.map((term) => ({
      type: 'termPreview',
      data: { hName: 'span', hProperties: { id: previewId(term) } },
      children: [{ type: 'text', value: `${term.term}: ${term.definition}（${term.noteTitle}）` }],
    })) as unknown as PhrasingContent[],
  } as RootContent;
}
