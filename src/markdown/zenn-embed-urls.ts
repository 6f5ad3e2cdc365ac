/**
 * Which URLs and ids Zenn accepts in each embed, as zenn-editor checks them
 * (`packages/zenn-markdown-html/src/utils/url-matcher.ts`, MIT): the same patterns, so a note that
 * builds here renders on Zenn and the reverse. Every pattern is anchored and ASCII-only, so a quote,
 * an angle bracket, a space or a look-alike Unicode letter never gets through.
 */

/** An absolute http(s) URL (Zenn's `isValidHttpUrl`). */
export function isValidHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}

/** `https://github.com/owner/repo/blob/ref/path#L10-L20`: a file or a permalink, optionally with lines. */
const githubFile =
  /^https:\/\/github\.com\/([a-zA-Z0-9](?:-?[a-zA-Z0-9]){0,38})\/([a-zA-Z0-9](?:-?[a-zA-Z0-9._]){0,99})\/blob\/([^~\s:?[*^/\\]{2,})\/([\w!\-_~.*%()'"/]+?)(?:#L(\d+)(?:-L(\d+))?)?$/;
export const isGithubUrl = (url: string) => githubFile.test(url);

export interface GithubFile {
  owner: string;
  repo: string;
  ref: string;
  path: string;
  startLine?: number;
  endLine?: number;
}

export function parseGithubUrl(url: string): GithubFile | undefined {
  const match = githubFile.exec(url);
  if (!match) return undefined;
  const [, owner, repo, ref, path, start, end] = match;
  return {
    owner: owner!,
    repo: repo!,
    ref: ref!,
    path: path!,
    startLine: start === undefined ? undefined : Number(start),
    endLine: end === undefined ? undefined : Number(end),
  };
}

// Thanks: https://github.com/forem/forem/blob/d2d9984f28b1d0662f2a858b325a0e6b7a27a24c/app/liquid_tags/gist_tag.rb
const gist =
  /^https:\/\/gist\.github\.com\/([a-zA-Z0-9](?:-?[a-zA-Z0-9]){0,38})\/([a-zA-Z0-9]{1,32})(\/[a-zA-Z0-9]+)?(?:\?file=(.+))?$/;
export const isGistUrl = (url: string) => gist.test(url);
export function parseGistUrl(url: string): { user: string; id: string; file?: string } | undefined {
  const match = gist.exec(url);
  return match ? { user: match[1]!, id: match[2]!, file: match[4] } : undefined;
}

const tweet = /^https:\/\/(twitter|x)\.com\/([a-zA-Z0-9_-]+)\/status\/([a-zA-Z0-9?=&\-_]+)$/;
export const isTweetUrl = (url: string) => tweet.test(url);
export function parseTweetUrl(url: string): { user: string; status: string } | undefined {
  const match = tweet.exec(url);
  return match ? { user: match[2]!, status: match[3]!.split('?')[0]! } : undefined;
}

export const isStackblitzUrl = (url: string) => /^https:\/\/stackblitz\.com\/[a-zA-Z0-9\-_/.@?&=%[\]]+$/.test(url);
export const isCodesandboxUrl = (url: string) =>
  /^https:\/\/codesandbox\.io\/embed\/[a-zA-Z0-9\-_/.@?&=%,+]+$/.test(url);
export const isCodepenUrl = (url: string) =>
  /^https:\/\/codepen\.io\/[a-zA-Z0-9\-_/@]+\/pen\/[a-zA-Z0-9\-_/.@?&=%,]+$/.test(url);
export const isJsfiddleUrl = (url: string) => /^(http|https):\/\/jsfiddle\.net\/[a-zA-Z0-9_,/-]+$/.test(url);
export const isBlueprintUEUrl = (url: string) => /^https:\/\/blueprintue\.com\/render\/[-\w]+\/?$/.test(url);

// https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell (optionally /13 or #p13)
const docswellSlide = /^https:\/\/www\.docswell\.com\/s\/([a-zA-Z0-9_-]+)\/([a-zA-Z0-9_-]+)(?:\/(\d+))?(?:#p(\d+))?$/;
// https://www.docswell.com/slide/LK7J5V/embed (optionally #p12)
const docswellEmbed = /^https:\/\/www\.docswell\.com\/slide\/([a-zA-Z0-9_-]+)\/embed(?:#p(\d+))?$/;
export const isDocswellUrl = (url: string) => docswellSlide.test(url) || docswellEmbed.test(url);
export function parseDocswellUrl(url: string): { slideId: string; title?: string; page?: number } | undefined {
  const embed = docswellEmbed.exec(url);
  if (embed) return { slideId: embed[1]!, page: embed[2] ? Number(embed[2]) : undefined };
  const slide = docswellSlide.exec(url);
  if (!slide) return undefined;
  // The slide id is the slug's first part (`LK7J5V-hello-docswell` → `LK7J5V`); `#p` wins over `/13`.
  const page = slide[4] ?? slide[3];
  return { slideId: slide[2]!.split('-')[0]!, title: slide[2]!, page: page ? Number(page) : undefined };
}

const youtubeUrls = [
  /^https?:\/\/youtu\.be\/[\w-]+(?:\?[\w=&-]+)?$/,
  /^https?:\/\/(?:www\.)?youtube\.com\/watch\?[\w=&-]+$/,
];
export const isYoutubeUrl = (url: string) => youtubeUrls.some((pattern) => pattern.test(url));

/** A YouTube video id is 11 characters. */
const YOUTUBE_VIDEO_ID_LENGTH = 11;

/** `https://youtu.be/ID?t=100` or `https://www.youtube.com/watch?v=ID&t=100s` → the id and start (seconds). */
export function extractYoutubeVideoParameters(url: string): { videoId: string; start?: string } | undefined {
  if (!isYoutubeUrl(url)) return undefined;
  const parsed = new URL(url);
  const videoId = parsed.searchParams.get('v') || parsed.pathname.split('/')[1];
  const start = parsed.searchParams.get('t')?.replace('s', '');
  if (videoId?.length !== YOUTUBE_VIDEO_ID_LENGTH) return undefined;
  return { videoId, start };
}

/** Figma's Embed Kit 1.0 (www.figma.com) and 2.0 (embed.figma.com) URLs. */
const figma =
  /^https:\/\/((www|embed)\.)?figma\.com\/(file|proto|design|board|slides|deck)\/([0-9a-zA-Z]{22,128})(?:\/([\w.?=&%-]+))?(?:\?[\w.?=&%-]+)?$/;
export const isFigmaUrl = (url: string) => figma.test(url);
export function parseFigmaUrl(url: string): { kind: string; fileKey: string; name?: string } | undefined {
  const match = figma.exec(url);
  return match ? { kind: match[3]!, fileKey: match[4]!, name: match[5]?.split('?')[0] } : undefined;
}

/** Speaker Deck: a key, optionally `?slide=N`. */
const speakerdeck = /^([a-zA-Z0-9_-]+)(?:\?slide=(\d+))?$/;
export function parseSpeakerdeckKey(text: string): { key: string; slide?: number } | undefined {
  const match = speakerdeck.exec(text);
  return match ? { key: match[1]!, slide: match[2] ? Number(match[2]) : undefined } : undefined;
}

/** SlideShare and YouTube ids: letters, digits, `_` and `-`. */
export const isPlainKey = (text: string) => /^[a-zA-Z0-9_-]+$/.test(text);
