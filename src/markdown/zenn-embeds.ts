import type { Element } from 'hast';
import type { Node, Parents } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import { h } from 'hastscript';
import { describeLink } from '../utils/link-card.ts';
import { safeDecodeUriComponent } from '../utils/safe-decode.ts';
import { inPlaceProblem } from './content-warnings.ts';
import {
  extractYoutubeVideoParameters,
  isBlueprintUEUrl,
  isCodepenUrl,
  isCodesandboxUrl,
  isFigmaUrl,
  isGistUrl,
  isGithubUrl,
  isJsfiddleUrl,
  isPlainKey,
  isStackblitzUrl,
  isTweetUrl,
  isValidHttpUrl,
  isYoutubeUrl,
  parseDocswellUrl,
  parseFigmaUrl,
  parseGistUrl,
  parseGithubUrl,
  parseSpeakerdeckKey,
  parseTweetUrl,
  type GithubFile,
} from './zenn-embed-urls.ts';

/**
 * Zenn's embeds, one entry each: `@[name](…)` (and, for some, a URL alone on a line), how its
 * argument is checked, and the HTML it becomes. The remark plugin, the error messages and the
 * README's table all read this registry, so a new embed is one entry here (and a test).
 *
 * Every embed is a card made from the Markdown alone: no network at build time, and no
 * third-party script, frame or image when a page loads. The card names the service and what it
 * points to, and links to the original (a reader who wants the player or the widget opens it).
 * Arguments are checked with zenn-editor's own patterns (`markdown/zenn-embed-urls.ts`): what Zenn
 * answers with a message shows that message in place, and the build warns (`content-warnings.ts`).
 */
export interface ZennEmbed<Props> {
  /** The forms an author writes, quoted in errors and the README. */
  usage: readonly string[];
  /** What the reader gets, for the README. */
  renders: string;
  /** Zenn's limit on the length of the argument (300 characters, none for `card` and `github`). */
  maxLength?: number;
  /** Props from the id or URL in `@[name](…)`, or why Zenn would show a message instead. */
  fromUrl(argument: string): Props | EmbedRejection;
  /** Whether a URL alone on a line is this embed rather than a link card (X, YouTube, GitHub files). */
  claimsBareUrl?(url: string): boolean;
  /** The MDX component that writes the same embed, if there is one (`<LinkCard href="…" />`). */
  component?: string;
  /** Props from the component's attributes; a string is the problem. */
  fromAttributes?(attributes: ReadonlyMap<string, string>): Props | string;
  render(props: Props): Element;
}

const defineEmbed = <Props>(embed: ZennEmbed<Props>) => embed;

/** zenn-editor's `MAX_EMBED_TOKEN_LENGTH`. */
const MAX_EMBED_ARGUMENT_LENGTH = 300;

/** What an embed card shows: the service, what it points to, and the original's URL. */
interface EmbedCard {
  service: string;
  title: string;
  href: string;
  /** A second fact shown beside the service (a branch, a page). */
  detail?: string;
}

/**
 * The card every embed but `card` renders, in the link card's markup (so it shares its styles, its
 * light and dark colours, and its exclusion from search). The link's text says what opens, where
 * and that it is a new tab.
 */
function embedCard(name: string, { service, title, href, detail }: EmbedCard): Element {
  return h(`p.link-card.embed-card.embed-${name}`, [
    h('a', { href, target: '_blank', rel: ['noopener', 'noreferrer'] }, [
      h('span.link-card-title', title),
      h('span.link-card-meta', [
        h('span.link-card-service', service),
        detail ? h('span.link-card-host', detail) : undefined,
        h('span.sr-only', '（新しいタブで開きます）'),
      ]),
    ]),
  ]);
}

/**
 * An argument Zenn answers with a message in the embed's place (「YouTubeのvideoIDが不正です」): the
 * page shows that message where the embed would be, and the build warns with our reason.
 */
export class EmbedRejection {
  /** Our reason, for the build's warning. */
  readonly problem: string;
  /** Zenn's own message, shown on the page. */
  readonly zenn: string;
  constructor(problem: string, zenn: string) {
    this.problem = problem;
    this.zenn = zenn;
  }
}
const rejected = (problem: string, zenn: string) => new EmbedRejection(problem, zenn);

/** 1:40:05 for 6005 seconds. */
function clock(seconds: number): string {
  const parts = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  const [hours, ...rest] = parts;
  const padded = rest.map((part, index) => (index === 0 && !hours ? String(part) : String(part).padStart(2, '0')));
  return (hours ? [String(hours), ...padded] : padded).join(':');
}

const figmaKinds: Record<string, string> = {
  file: 'デザイン',
  design: 'デザイン',
  proto: 'プロトタイプ',
  board: 'ボード',
  slides: 'スライド',
  deck: 'スライド',
};

export const zennEmbeds = {
  card: defineEmbed<{ href: string; title?: string }>({
    component: 'LinkCard',
    usage: ['@[card](https://…)', 'a URL alone on a line'],
    renders: 'a link card (title, host, PDF mark)',
    maxLength: Infinity,
    fromUrl: (url) =>
      isValidHttpUrl(url) ? { href: url } : rejected(`a link card needs an http(s) URL, got "${url}"`, 'URLが不正です'),
    fromAttributes: (attributes) => {
      const unknown = [...attributes.keys()].find((name) => name !== 'href' && name !== 'title');
      if (unknown) return `<LinkCard> has no attribute "${unknown}" (it takes "href", "title")`;
      const href = attributes.get('href') ?? '';
      if (!isValidHttpUrl(href))
        return `<LinkCard href="${href}">: expected an absolute URL such as "https://example.com/"`;
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
  youtube: defineEmbed<{ videoId: string; start: number }>({
    usage: ['@[youtube](動画ID)', 'a YouTube video URL alone on a line'],
    renders: 'a card linking to the video on youtube.com (no player is loaded)',
    claimsBareUrl: isYoutubeUrl,
    fromUrl: (argument) => {
      const params = extractYoutubeVideoParameters(argument) ?? { videoId: argument };
      if (!isPlainKey(params.videoId)) {
        return rejected(`"${argument}" is not a YouTube video id or video URL`, 'YouTubeのvideoIDが不正です');
      }
      // Zenn starts at most 48 hours in; anything that is not a number starts at the beginning.
      const start = Math.min(Number(params.start || 0), 48 * 60 * 60);
      return { videoId: params.videoId, start: Number.isFinite(start) && start > 0 ? Math.floor(start) : 0 };
    },
    render: ({ videoId, start }) =>
      embedCard('youtube', {
        service: 'YouTube',
        title: `動画 ${videoId}${start ? `（${clock(start)} から）` : ''}`,
        href: `https://www.youtube.com/watch?v=${videoId}${start ? `&t=${start}s` : ''}`,
      }),
  }),
  tweet: defineEmbed<{ url: string; user: string; status: string }>({
    usage: ['@[tweet](https://x.com/…/status/…)', 'a post URL (x.com or twitter.com) alone on a line'],
    renders: 'a card linking to the post on X (no widget is loaded)',
    claimsBareUrl: isTweetUrl,
    fromUrl: (url) => {
      const tweet = isTweetUrl(url) ? parseTweetUrl(url) : undefined;
      if (!tweet) return rejected(`"${url}" is not the URL of a post on X`, 'ツイートページのURLを指定してください');
      return { url, ...tweet };
    },
    render: ({ url, user, status }) =>
      embedCard('tweet', { service: 'X (Twitter)', title: `@${user} のポスト ${status}`, href: url }),
  }),
  github: defineEmbed<{ url: string } & GithubFile>({
    usage: ['@[github](https://github.com/…/blob/…)', 'a GitHub file URL (with #L10-L20) alone on a line'],
    renders: 'a card naming the repository, the file and the lines, linking to them on GitHub',
    maxLength: Infinity,
    claimsBareUrl: isGithubUrl,
    fromUrl: (url) => {
      const file = parseGithubUrl(url);
      if (!file) {
        return rejected(
          `"${url}" is not a GitHub file URL or permalink (https://github.com/owner/repo/blob/branch/path)`,
          'GitHub のファイルURLまたはパーマリンクを指定してください',
        );
      }
      return { url, ...file };
    },
    render: ({ url, owner, repo, ref, path, startLine, endLine }) => {
      const lines =
        startLine === undefined ? '' : endLine === undefined ? `${startLine} 行目` : `${startLine}〜${endLine} 行目`;
      return embedCard('github', {
        service: 'GitHub',
        title: `${owner}/${repo} ${safeDecodeUriComponent(path)}${lines ? `（${lines}）` : ''}`,
        detail: /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : safeDecodeUriComponent(ref),
        href: url,
      });
    },
  }),
  gist: defineEmbed<{ url: string; user: string; id: string; file?: string }>({
    usage: ['@[gist](https://gist.github.com/…)'],
    renders: 'a card linking to the gist',
    fromUrl: (url) => {
      const gist = isGistUrl(url) ? parseGistUrl(url) : undefined;
      if (!gist) return rejected(`"${url}" is not a GitHub Gist URL`, 'GitHub GistのページURLを指定してください');
      return { url, ...gist };
    },
    render: ({ url, user, id, file }) =>
      embedCard('gist', {
        service: 'GitHub Gist',
        title: `${user}/${id}${file ? `（${safeDecodeUriComponent(file)}）` : ''}`,
        href: url,
      }),
  }),
  speakerdeck: defineEmbed<{ key: string; slide?: number }>({
    usage: ['@[speakerdeck](スライドのID)', '@[speakerdeck](スライドのID?slide=24)'],
    renders: 'a card linking to the slides on Speaker Deck',
    fromUrl: (argument) =>
      parseSpeakerdeckKey(argument) ??
      rejected(`"${argument}" is not a Speaker Deck slide id`, 'Speaker Deckのkeyが不正です'),
    render: ({ key, slide }) =>
      embedCard('speakerdeck', {
        service: 'Speaker Deck',
        title: `スライド ${key}${slide ? `（${slide} 枚目から）` : ''}`,
        href: `https://speakerdeck.com/player/${key}${slide ? `?slide=${slide}` : ''}`,
      }),
  }),
  slideshare: defineEmbed<{ key: string }>({
    usage: ['@[slideshare](スライドのkey)'],
    renders: 'a card linking to the slides on SlideShare',
    fromUrl: (argument) =>
      isPlainKey(argument)
        ? { key: argument }
        : rejected(`"${argument}" is not a SlideShare key`, 'Slide Shareのkeyが不正です'),
    render: ({ key }) =>
      embedCard('slideshare', {
        service: 'SlideShare',
        title: `スライド ${key}`,
        href: `https://www.slideshare.net/slideshow/embed_code/key/${key}`,
      }),
  }),
  docswell: defineEmbed<{ url: string; slideId: string; title?: string; page?: number }>({
    usage: ['@[docswell](https://www.docswell.com/s/…)'],
    renders: 'a card linking to the slides on Docswell',
    fromUrl: (url) => {
      const slide = parseDocswellUrl(url);
      if (!slide) return rejected(`"${url}" is not a Docswell slide URL`, 'DocswellのスライドURLが不正です');
      return { url, ...slide };
    },
    render: ({ url, slideId, title, page }) =>
      embedCard('docswell', {
        service: 'Docswell',
        title: `スライド ${title ?? slideId}${page ? `（${page} ページ目から）` : ''}`,
        href: url,
      }),
  }),
  codepen: defineEmbed<{ url: string; path: string }>({
    usage: ['@[codepen](https://codepen.io/…/pen/…)'],
    renders: 'a card linking to the pen on CodePen',
    fromUrl: (url) =>
      isCodepenUrl(url)
        ? { url, path: new URL(url).pathname.replace(/^\/|\/$/g, '') }
        : rejected(`"${url}" is not a CodePen pen URL`, 'CodePenのURLが不正です'),
    render: ({ url, path }) => embedCard('codepen', { service: 'CodePen', title: `Pen ${path}`, href: url }),
  }),
  codesandbox: defineEmbed<{ url: string; sandbox: string }>({
    usage: ['@[codesandbox](https://codesandbox.io/embed/…)'],
    renders: 'a card linking to the sandbox on CodeSandbox',
    fromUrl: (url) =>
      isCodesandboxUrl(url)
        ? { url, sandbox: new URL(url).pathname.replace(/^\/embed\/|\/$/g, '') }
        : rejected(
            `"${url}" is not a CodeSandbox embed URL`,
            '「https://codesandbox.io/embed/」から始まる正しいURLを入力してください',
          ),
    render: ({ url, sandbox }) =>
      embedCard('codesandbox', { service: 'CodeSandbox', title: `サンドボックス ${sandbox}`, href: url }),
  }),
  stackblitz: defineEmbed<{ url: string; project: string }>({
    usage: ['@[stackblitz](https://stackblitz.com/…)'],
    renders: 'a card linking to the project on StackBlitz',
    fromUrl: (url) =>
      isStackblitzUrl(url) && URL.canParse(url)
        ? { url, project: new URL(url).pathname.replace(/^\/(?:edit\/)?|\/$/g, '') }
        : rejected(`"${url}" is not a StackBlitz URL`, 'StackBlitzのembed用のURLを指定してください'),
    render: ({ url, project }) =>
      embedCard('stackblitz', { service: 'StackBlitz', title: `プロジェクト ${project}`, href: url }),
  }),
  jsfiddle: defineEmbed<{ url: string; fiddle: string }>({
    usage: ['@[jsfiddle](https://jsfiddle.net/…)'],
    renders: 'a card linking to the fiddle on JSFiddle',
    fromUrl: (url) =>
      isJsfiddleUrl(url)
        ? { url, fiddle: new URL(url).pathname.replace(/\/embedded\/?.*$|\/$/g, '').replace(/^\//, '') }
        : rejected(`"${url}" is not a JSFiddle URL`, 'jsfiddleのURLが不正です'),
    render: ({ url, fiddle }) => embedCard('jsfiddle', { service: 'JSFiddle', title: `Fiddle ${fiddle}`, href: url }),
  }),
  figma: defineEmbed<{ url: string; kind: string; fileKey: string; name?: string }>({
    usage: ['@[figma](https://www.figma.com/file/…)'],
    renders: 'a card linking to the file on Figma',
    fromUrl: (url) => {
      const file = isFigmaUrl(url) ? parseFigmaUrl(url) : undefined;
      if (!file)
        return rejected(`"${url}" is not a Figma file URL`, '埋め込みに対応しているFigma URLを指定してください');
      return { url, ...file };
    },
    render: ({ url, kind, fileKey, name }) =>
      embedCard('figma', {
        service: 'Figma',
        title: `${figmaKinds[kind] ?? 'ファイル'} ${name ? safeDecodeUriComponent(name) : fileKey}`,
        href: url,
      }),
  }),
  blueprintue: defineEmbed<{ url: string; id: string }>({
    usage: ['@[blueprintue](https://blueprintue.com/render/…)'],
    renders: 'a card linking to the blueprint on blueprintUE',
    fromUrl: (url) =>
      isBlueprintUEUrl(url)
        ? { url, id: new URL(url).pathname.replace(/^\/render\/|\/$/g, '') }
        : rejected(
            `"${url}" is not a blueprintUE render URL`,
            '「https://blueprintue.com/render/」から始まる正しいURLを指定してください',
          ),
    render: ({ url, id }) =>
      embedCard('blueprintue', { service: 'blueprintUE', title: `ブループリント ${id}`, href: url }),
  }),
};

export type ZennEmbedName = keyof typeof zennEmbeds;
const embedNames = Object.keys(zennEmbeds) as ZennEmbedName[];
const entryOf = (name: ZennEmbedName) => zennEmbeds[name] as ZennEmbed<unknown>;

export const isZennEmbedName = (name: string): name is ZennEmbedName => Object.hasOwn(zennEmbeds, name);
/** `@[card], @[youtube], …`: the names an author may write, quoted when one is unknown. */
export const acceptedZennEmbedNames = embedNames.map((name) => `@[${name}]`);
export const zennEmbedOfComponent = (component: string) =>
  embedNames.find((name) => entryOf(name).component === component);

/**
 * The props of `@[name](argument)`, or why Zenn would show a message instead: Zenn's length limit
 * first (300 characters for every embed but `card` and `github`), then the embed's own check.
 */
export function zennEmbedProps(name: ZennEmbedName, argument: string): unknown {
  const embed = entryOf(name);
  const limit = embed.maxLength ?? MAX_EMBED_ARGUMENT_LENGTH;
  if (argument.length > limit) {
    return rejected(
      `the ${name} embed's URL or id is ${argument.length} characters long, over Zenn's limit of ${limit}`,
      `埋め込みURLは${limit}文字以内にする必要があります`,
    );
  }
  return embed.fromUrl(argument);
}

/** The embed a URL alone on a line becomes: X, YouTube and GitHub files have their own; any other is a link card. */
export const zennEmbedOfBareUrl = (url: string): ZennEmbedName =>
  embedNames.find((name) => entryOf(name).claimsBareUrl?.(url)) ?? 'card';

/** One README table row per embed: `| usage | renders |`. The README test checks the table is these rows. */
export const zennEmbedReadmeRows = () =>
  embedNames.map((name) => {
    const { usage, renders } = entryOf(name);
    return `| ${usage.map((form) => (form.startsWith('@[') ? `\`${form}\`` : form)).join(', ')} | ${renders} |`;
  });

/** Renders an embed node to HTML (a `remark-rehype` handler). */
export function zennEmbedHandler(state: State, node: ZennEmbedNode, parent?: Parents): Element {
  const element =
    node.props instanceof EmbedRejection
      ? inPlaceProblem('p', node.props.zenn, node.written)
      : entryOf(node.name).render(node.props);
  // A tight list item unwraps its <p> children into the item, which would take the card apart.
  if (parent?.type === 'listItem' && element.tagName === 'p') element.tagName = 'div';
  state.patch(node, element);
  return element;
}

/** A Zenn embed in the Markdown tree: a leaf, rendered from its props. */
export interface ZennEmbedNode extends Node {
  type: 'zennEmbed';
  name: ZennEmbedName;
  /** The embed's props, or Zenn's message when the argument is refused. */
  props: unknown;
  /** The line as the author wrote it, shown under Zenn's message when the argument is refused. */
  written?: string;
}

declare module 'mdast' {
  interface BlockContentMap {
    zennEmbed: ZennEmbedNode;
  }
  interface RootContentMap {
    zennEmbed: ZennEmbedNode;
  }
}
