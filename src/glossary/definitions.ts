import type { Heading, Nodes, Parent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { slug } from 'github-slugger';
import type { VFile } from 'vfile';
import { ContentError } from '../markdown/content-error.ts';
import { headingIds } from '../markdown/remark-zenn-heading-ids.ts';
import { oneLine } from '../utils/one-line.ts';
import type { TermDeclaration } from './types.ts';

/**
 * Where a declared term is defined in a note's tree, and its one-line definition (the author's
 * own sentence). Pure: the tree is given.
 */

/** Two spellings are the same term when they match after NFKC, case folding and whitespace folding. */
export const termIdentity = (term: string) => oneLine(term.normalize('NFKC')).toLowerCase();

export const termKey = (term: string) => slug(term.normalize('NFKC'));

/**
 * The first sentence of a paragraph: up to and including the first 。, or the first line if that
 * ends sooner (the memo writes one statement per line).
 */
export function firstSentence(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  const end = line.indexOf('。');
  return oneLine(end >= 0 ? line.slice(0, end + 1) : line);
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
      if (oneLine(toString(node)) === oneLine(wanted) || id === wanted) {
        heading = node;
        break;
      }
    }
    if (declaration.heading !== undefined || declaration.definition === undefined) {
      if (!heading) {
        const known = [...ids.keys()].map((h) => `"${oneLine(toString(h))}"`).join(', ') || 'none';
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
      const wantedText = oneLine(declaration.definition);
      walk(tree, (node) => {
        if (
          !quotedBlock &&
          (node.type === 'paragraph' || node.type === 'tableCell') &&
          oneLine(toString(node)).includes(wantedText)
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
            `the heading "${oneLine(toString(heading))}" is not followed by a paragraph to take the definition from`,
            'Quote the defining sentence with "definition:"',
          );
        }
        definition = firstSentence(toString(next as Nodes));
      }
      return { declaration, anchor: ids.get(heading)!, definition: oneLine(definition), target: heading, section };
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
    return { declaration, anchor, definition: oneLine(declaration.definition!), target: block, section: [block] };
  });
}

/** Puts the anchors on the rendered note's nodes (headings keep the id the site gives them anyway). */
export function applyAnchors(located: readonly LocatedTerm[]): void {
  for (const { target, anchor } of located) {
    const data = (target.data ??= {}) as { hProperties?: Record<string, unknown> };
    data.hProperties = { ...data.hProperties, id: anchor };
  }
}
