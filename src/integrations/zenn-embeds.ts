import type { Element } from 'hast';
import type { Node } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import { h } from 'hastscript';
import { describeLink } from '../utils/link-card.ts';

/**
 * Zenn's embeds, one entry each: `@[name](URL)` (and, for some, a URL alone on a line), the MDX
 * component that writes the same (`<LinkCard href="…" />`), and the HTML it becomes. Made from
 * the Markdown alone, without the network. A new embed is one entry here (and a test).
 */
export interface ZennEmbed<Props> {
  /** The MDX component that writes the same embed. */
  component: string;
  /** The forms an author writes, quoted in errors and the README. */
  usage: readonly string[];
  /** Props from the URL (or id) in `@[name](…)`; a string is the problem. */
  fromUrl(url: string): Props | string;
  /** Props from the component's attributes; a string is the problem. */
  fromAttributes(attributes: ReadonlyMap<string, string>): Props | string;
  render(props: Props): Element;
}

const defineEmbed = <Props>(embed: ZennEmbed<Props>) => embed;

const isWebUrl = (url: string) => /^https?:\/\//i.test(url) && URL.canParse(url);

export const zennEmbeds = {
  card: defineEmbed<{ href: string; title?: string }>({
    component: 'LinkCard',
    usage: ['@[card](https://…)', 'a URL alone on a line'],
    fromUrl: (url) => (isWebUrl(url) ? { href: url } : `a link card needs an http(s) URL, got "${url}"`),
    fromAttributes: (attributes) => {
      const unknown = [...attributes.keys()].find((name) => name !== 'href' && name !== 'title');
      if (unknown) return `<LinkCard> has no attribute "${unknown}" (it takes "href", "title")`;
      const href = attributes.get('href') ?? '';
      if (!isWebUrl(href)) return `<LinkCard href="${href}">: expected an absolute URL such as "https://example.com/"`;
      return { href, title: attributes.get('title') };
    },
    render: ({ href, title }) => {
      const card = describeLink(href, title);
      return h('p.link-card', [
        h('a', { href: card.href, target: '_blank', rel: ['noopener', 'noreferrer'] }, [
          h('span.link-card-title', card.label),
          h('span.link-card-meta', [
            card.isPdf ? h('span.link-card-pdf', 'PDF') : undefined,
            h('span.link-card-host', card.host),
            h('span.sr-only', '（新しいタブで開きます）'),
          ]),
        ]),
      ]);
    },
  }),
};

export type ZennEmbedName = keyof typeof zennEmbeds;
export const acceptedZennEmbeds = Object.values(zennEmbeds).flatMap((embed) => embed.usage);
export const zennEmbedOfComponent = (name: string) =>
  (Object.keys(zennEmbeds) as ZennEmbedName[]).find((key) => zennEmbeds[key].component === name);

/** Renders an embed node to HTML (a `remark-rehype` handler). */
export function zennEmbedHandler(state: State, node: ZennEmbedNode): Element {
  const element = (zennEmbeds[node.name] as ZennEmbed<unknown>).render(node.props);
  state.patch(node, element);
  return element;
}

/** A Zenn embed in the Markdown tree: a leaf, rendered from its props. */
export interface ZennEmbedNode extends Node {
  type: 'zennEmbed';
  name: ZennEmbedName;
  props: unknown;
}

declare module 'mdast' {
  interface BlockContentMap {
    zennEmbed: ZennEmbedNode;
  }
  interface RootContentMap {
    zennEmbed: ZennEmbedNode;
  }
}
