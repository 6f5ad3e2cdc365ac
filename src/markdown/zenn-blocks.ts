import type { Element, ElementContent } from 'hast';
import type { BlockContent, Parent } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import { h } from 'hastscript';

/**
 * Zenn's container blocks, one entry each: how an author writes it (`:::message alert`, or the
 * component `<Callout variant="alert">` in MDX), how its argument or attributes are read, and the
 * HTML it becomes. The remark plugin, the glossary, the error messages and the README's table all
 * read this registry, so a new block is one entry here (and a test). zenn-editor registers its
 * containers the same way (`md-container`, one `{ validate, render }` each).
 */
export interface ZennBlock<Props> {
  /** The MDX component that writes the same block (`<Callout>…</Callout>`). */
  component: string;
  /** The forms an author writes, quoted in errors and the README. */
  usage: readonly string[];
  /** Props from the words after `:::name`; a string is the problem. */
  fromArgument(argument: string): Props | string;
  /** Props from the component's attributes; a string is the problem. */
  fromAttributes(attributes: ReadonlyMap<string, string>): Props | string;
  /** The HTML of the block around its rendered content. */
  render(props: Props, children: ElementContent[]): Element;
  /** Whether glossary terms in the block link to their definitions. */
  linksTerms: boolean;
  /**
   * Whether a URL alone on a line in the block is a link card, as in the note's own paragraphs
   * (zenn-editor's `md-linkify-to-card`: in `:::details`, not in `:::message`).
   */
  urlLinesAreCards: boolean;
}

const defineBlock = <Props>(block: ZennBlock<Props>) => block;

/** Callout variants: Zenn's `:::message` is `info`, `:::message alert` is `alert`. */
const calloutVariants = ['info', 'alert'] as const;
export type CalloutVariant = (typeof calloutVariants)[number];
const isCalloutVariant = (value: unknown): value is CalloutVariant =>
  typeof value === 'string' && (calloutVariants as readonly string[]).includes(value);
/** What a screen reader announces for a callout (its kind). */
const calloutLabels: Record<CalloutVariant, string> = { info: 'メモ', alert: '注意' };

/** Attributes other than `accepted` are a problem (a typo would otherwise be ignored without a word). */
function unknownAttribute(component: string, attributes: ReadonlyMap<string, string>, accepted: readonly string[]) {
  const unknown = [...attributes.keys()].find((name) => !accepted.includes(name));
  return unknown === undefined
    ? undefined
    : `<${component}> has no attribute "${unknown}" (it takes ${accepted.map((a) => `"${a}"`).join(', ')})`;
}

export const zennBlocks = {
  message: defineBlock<{ variant: CalloutVariant }>({
    component: 'Callout',
    usage: [':::message', ':::message alert'],
    fromArgument: (argument) => {
      if (argument === '') return { variant: 'info' };
      if (argument === 'alert') return { variant: 'alert' };
      return `unknown message variant "${argument}" (":::message" or ":::message alert")`;
    },
    fromAttributes: (attributes) => {
      const problem = unknownAttribute('Callout', attributes, ['variant']);
      if (problem) return problem;
      const variant = attributes.get('variant') ?? 'info';
      if (isCalloutVariant(variant)) return { variant };
      return `<Callout variant="${variant}">: expected one of ${calloutVariants.map((v) => `"${v}"`).join(', ')}`;
    },
    // role="note": a callout is part of the note, not a complementary landmark (two on one page
    // would be indistinguishable landmarks, which axe and html-validate reject).
    render: ({ variant }, children) =>
      h('aside', { className: ['msg', variant], role: 'note', ariaLabel: calloutLabels[variant] }, [
        h('span.msg-symbol', { ariaHidden: 'true' }, '!'),
        h('div.msg-content', children),
      ]),
    linksTerms: true,
    urlLinesAreCards: false,
  }),
  details: defineBlock<{ title: string }>({
    component: 'Details',
    usage: [':::details タイトル', '::::details タイトル (outer block, closed by ::::)'],
    fromArgument: (argument) =>
      argument === '' ? '":::details" needs a title, as in ":::details 詳細を見る"' : { title: argument },
    fromAttributes: (attributes) => {
      const problem = unknownAttribute('Details', attributes, ['title']);
      if (problem) return problem;
      const title = attributes.get('title')?.trim();
      return title ? { title } : '<Details> needs a title, as in <Details title="詳細を見る">';
    },
    render: ({ title }, children) => h('details.details', [h('summary', title), h('div.details-content', children)]),
    linksTerms: true,
    urlLinesAreCards: true,
  }),
};

export type ZennBlockName = keyof typeof zennBlocks;
export const isZennBlockName = (name: string): name is ZennBlockName => Object.hasOwn(zennBlocks, name);
/** The forms an author may write, quoted in every error so the fix is one look away. */
export const acceptedZennBlocks = Object.values(zennBlocks).flatMap((block) => block.usage);
/** The registry entry written as the MDX component `name`, if any. */
export const zennBlockOfComponent = (name: string) =>
  (Object.keys(zennBlocks) as ZennBlockName[]).find((key) => zennBlocks[key].component === name);

/** Renders a block node to HTML (a `remark-rehype` handler); its content is rendered as usual. */
export function zennBlockHandler(state: State, node: ZennBlockNode): Element {
  const block = zennBlocks[node.name] as ZennBlock<unknown>;
  const element = block.render(node.props, state.all(node));
  state.patch(node, element);
  return element;
}

/** A Zenn block in the Markdown tree: its content stays Markdown until it is rendered. */
export interface ZennBlockNode extends Parent {
  type: 'zennBlock';
  name: ZennBlockName;
  props: unknown;
  children: BlockContent[];
}

declare module 'mdast' {
  interface BlockContentMap {
    zennBlock: ZennBlockNode;
  }
  interface RootContentMap {
    zennBlock: ZennBlockNode;
  }
}
