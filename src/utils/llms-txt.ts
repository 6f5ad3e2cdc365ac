import { stringify } from 'yaml';
import { oneLine } from './one-line.ts';

/**
 * What AI assistants read (llmstxt.org): `/llms.txt`, the site's map in Markdown, and each note's
 * Markdown at `/notes/<id>.md`. Pure text making; the routes (src/pages/llms.txt.ts,
 * src/pages/notes/[...slug].md.ts) give it the published notes.
 */

export interface LlmsTxtLink {
  title: string;
  /** Absolute URL of the linked Markdown. */
  url: string;
  description: string;
}

export interface LlmsTxtInput {
  /** The site's name: the one `#` heading. */
  title: string;
  /** The site's summary: the blockquote under it. */
  summary: string;
  /** How to read the linked files: a paragraph before the sections. */
  details: string;
  /** One `##` section per category, each a list of its notes. */
  sections: readonly { title: string; links: readonly LlmsTxtLink[] }[];
}

/** Plain text in a list item: `[`, `]` and `\` would end the link or make one. */
const plainText = (text: string) => oneLine(text).replace(/[\\[\]]/g, '\\$&');
/** A link's URL: parentheses, spaces and angle brackets would end or break it. */
const linkUrl = (url: string) =>
  url.replace(/[()<>\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/**
 * The llmstxt.org format:
 *
 * ```markdown
 * # AWSメモ
 *
 * > AWS のサービスと用語を学ぶための日本語の学習ノート。
 *
 * 各リンク先は…
 *
 * ## ID・アクセス管理
 *
 * - [IAM](https://…/notes/iam.md): 一行の説明。
 * ```
 */
export function llmsTxt(input: LlmsTxtInput): string {
  const sections = input.sections
    .filter((section) => section.links.length > 0)
    .map(
      (section) =>
        `## ${oneLine(section.title)}\n\n` +
        section.links
          .map((link) => {
            const description = plainText(link.description);
            return `- [${plainText(link.title)}](${linkUrl(link.url)})${description ? `: ${description}` : ''}\n`;
          })
          .join(''),
    );
  return [
    `# ${oneLine(input.title)}\n`,
    `> ${oneLine(input.summary)}\n`,
    `${oneLine(input.details)}\n`,
    ...sections,
  ].join('\n');
}

/**
 * A note's Markdown as assistants and 「Markdownをコピー」 get it: the author's source, its
 * frontmatter reduced to the title and the page's URL.
 *
 * ```markdown
 * ---
 * title: IAM
 * url: https://aws-memo.example.com/notes/iam/
 * ---
 *
 * (the body as written)
 * ```
 */
export function noteMarkdown(note: { title: string; url: string; body: string }): string {
  // `lineWidth: 0`: a long title stays on one line instead of being folded.
  const frontmatter = stringify({ title: note.title, url: note.url }, { lineWidth: 0 });
  return `---\n${frontmatter}---\n${note.body ? `\n${note.body}\n` : ''}`;
}
