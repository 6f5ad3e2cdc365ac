import type { Nodes, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { ContentError } from '../markdown/content-error.ts';
import { zennBlocks } from '../markdown/zenn-blocks.ts';
import { oneLine } from '../utils/one-line.ts';
import { termIdentity, type LocatedTerm } from './definitions.ts';
import type { GlossaryTerm } from './types.ts';

/**
 * Mentions of glossary terms in a note: found by `TermMatcher`, linked by `linkTerms` (the first
 * mention of each term, and every `[[用語]]`), with the definition as a preview.
 */

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
        const variant = oneLine(spelling);
        // A blank spelling (the schema refuses one) would match the empty string at every position.
        if (variant) variants.push(variant);
      }
    }
    variants.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.#pattern = variants.length ? new RegExp(variants.map(variantPattern).join('|'), 'giu') : undefined;
  }

  /** The term a spelling names (`[[IAMロール]]`), if any. */
  lookup(spelling: string): GlossaryTerm | undefined {
    return this.#byIdentity.get(termIdentity(spelling));
  }

  /** Every mention in `text`, in order. One pattern serves every call (no copy per text node). */
  mentions(text: string): { index: number; text: string; term: GlossaryTerm }[] {
    const pattern = this.#pattern;
    const found: { index: number; text: string; term: GlossaryTerm }[] = [];
    if (!pattern) return found;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const term = this.lookup(match[0]);
      if (term) found.push({ index: match.index, text: match[0], term });
    }
    return found;
  }
}

/** Author syntax for an explicit term link: `[[用語]]` or `[[用語|表示する語]]`. */
const explicitPattern = /\[\[([^[\]|\n]+?)(?:\|([^[\]\n]+?))?\]\]/g;

/** Where the linker must not link: code, links, headings, embeds, and JSX (a Zenn block links if its registry entry says so). */
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
  'mdxJsxFlowElement',
  'mdxJsxTextElement',
  'zennEmbed',
]);

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
  /** Notes whose terms are unknown because they could not be read (`file:line: problem`). */
  unreadable?: readonly string[];
}

/**
 * Links the first mention of each glossary term in a note to its definition, with the definition
 * as a preview, and turns every `[[用語]]` into such a link (an unknown one fails with file and line).
 * Not linked: headings, code, existing links, embeds, JSX, and a term's own defining section. Returns the terms linked, in document order.
 */
export function linkTerms(tree: Root, file: VFile, options: LinkOptions): LinkedTerm[] {
  const { matcher, noteId, located = [], unreadable = [] } = options;
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
    if (node.type === 'zennBlock' && !zennBlocks[node.name].linksTerms) return;
    if (!('children' in node)) return;
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type !== 'text') {
        visit(child, inside, nodeLine);
        continue;
      }
      const replacement = linkText(child, inside, child.position?.start.line ?? nodeLine);
      if (replacement) {
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
    for (const match of value.includes('[[') ? value.matchAll(explicitPattern) : []) {
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
const previewId = (term: GlossaryTerm) => `term-preview-${term.key}`;

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
        ariaDescribedBy: [previewId(term)],
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
