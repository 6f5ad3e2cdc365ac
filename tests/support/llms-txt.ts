import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { List, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { listNoteFiles, noteIdOf } from '../../src/notes/note-sources.ts';
import { toSlashPath } from '../../src/utils/slash-path.ts';
import { textOf } from './html.ts';

/** An llms.txt as a reader following llmstxt.org sees it, parsed by a real Markdown parser. */
export interface ReadLlmsTxt {
  title: string;
  summary: string;
  /** Paragraphs between the summary and the first section. */
  details: string[];
  sections: { title: string; links: { title: string; url: string; description: string }[] }[];
}

const listLinks = (list: List) =>
  list.children.map((item: ListItem) => {
    const paragraph = item.children[0];
    if (item.children.length !== 1 || paragraph?.type !== 'paragraph') throw new Error('a list item is not one line');
    const [link, ...rest] = paragraph.children;
    if (link?.type !== 'link') throw new Error(`a list item does not start with a link: ${toString(paragraph)}`);
    const after = rest.map((node) => toString(node)).join('');
    if (after && !after.startsWith(': ')) throw new Error(`after the link comes "${after}", not ": …"`);
    return { title: toString(link), url: link.url, description: after.slice(2) };
  });

export function readLlmsTxt(text: string): ReadLlmsTxt {
  const tree = unified().use(remarkParse).parse(text) as Root;
  const nodes: RootContent[] = [...tree.children];
  const h1 = nodes.shift();
  if (h1?.type !== 'heading' || h1.depth !== 1) throw new Error('llms.txt does not start with an H1');
  const quote = nodes.shift();
  if (quote?.type !== 'blockquote') throw new Error('no blockquote after the H1');
  const read: ReadLlmsTxt = { title: toString(h1), summary: toString(quote), details: [], sections: [] };
  for (const node of nodes) {
    if (node.type === 'heading') {
      if (node.depth !== 2) throw new Error(`a heading of depth ${node.depth}: ${toString(node)}`);
      read.sections.push({ title: toString(node), links: [] });
    } else if (read.sections.length === 0) {
      if (node.type !== 'paragraph') throw new Error(`before the sections, a ${node.type}`);
      read.details.push(toString(node));
    } else if (node.type === 'list') {
      read.sections.at(-1)!.links.push(...listLinks(node));
    } else throw new Error(`in a section, a ${node.type} that is not a list of links`);
  }
  return read;
}

/** A Markdown file's frontmatter (YAML) and the text after it. */
export function readMarkdownFile(text: string): { data: unknown; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`no frontmatter: ${text.slice(0, 80)}`);
  return { data: parseYaml(match[1]!), body: match[2]! };
}

/**
 * Checks a built site's `/llms.txt` and Markdown files against what a reader sees and what the
 * author wrote: the same sections and notes as the home page, in its order; each note's title
 * from its source and its description from its page; each linked `.md` file holding exactly the
 * source's body under a frontmatter of title and URL; and no other `.md` file in `notes/`.
 */
export async function expectAssistantFiles(options: { dist: string; content: string; siteUrl: string }) {
  const { dist, content, siteUrl } = options;
  const page = async (path: string) =>
    parseHTML(await readFile(join(dist, path), 'utf8')).document as unknown as Document;
  const llms = readLlmsTxt(await readFile(join(dist, 'llms.txt'), 'utf8'));

  const home = await page('index.html');
  const homeSections = [...home.querySelectorAll('section.category')].map((section) => ({
    title: textOf(section.querySelector('h2')),
    paths: [...section.querySelectorAll('.note-list > li > a')].map((a) => a.getAttribute('href')!),
  }));
  expect(homeSections.length).toBeGreaterThan(0);
  const pathOf = (url: string) => {
    expect(url.startsWith(siteUrl), `${url} is on ${siteUrl}`).toBe(true);
    expect(url, 'a note’s Markdown URL').toMatch(/\.md$/);
    return decodeURI(new URL(url).pathname).replace(/\.md$/, '/');
  };
  expect(llms.sections.map((s) => ({ title: s.title, paths: s.links.map((l) => pathOf(l.url)) }))).toEqual(
    homeSections,
  );

  const linked: string[] = [];
  for (const { title, url, description } of llms.sections.flatMap((s) => s.links)) {
    const path = pathOf(url);
    const id = path.slice('/notes/'.length, -1);
    const source = await noteSource(content, id);
    const notePage = await page(`${path.slice(1)}index.html`);
    expect(title).toBe(source.title);
    expect(description).toBe(notePage.querySelector('meta[name="description"]')?.getAttribute('content'));
    const file = `notes/${id}.md`;
    linked.push(file);
    const markdown = readMarkdownFile(await readFile(join(dist, file), 'utf8'));
    expect(markdown.data, file).toEqual({ title: source.title, url: new URL(path, siteUrl).href });
    // A chapter that is frontmatter only (zenn-cli's about.md) has an empty body.
    expect(markdown.body, file).toBe(source.body.trim() ? `\n${source.body.trim()}\n` : '');
  }
  const mdFiles = (await readdir(join(dist, 'notes'), { recursive: true }))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `notes/${toSlashPath(file)}`);
  expect(mdFiles.sort()).toEqual(linked.sort());
}

/** A note's source file by its id (`iam` → notes/iam.md, articles/iam.md; `book/ch` → books/book/ch.md). */
async function noteSource(content: string, id: string): Promise<{ title: string; body: string }> {
  // Which file is the note: the loader's own file → id rule (a chapter `3.c++.md` is `c`).
  for (const file of listNoteFiles(content).filter((entry) => noteIdOf(entry) === id)) {
    const text = await readFile(join(content, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const { data, body } = readMarkdownFile(text.replace(/^\uFEFF/, ''));
    return { title: (data as { title: string }).title, body };
  }
  throw new Error(`no source for the note ${id} in ${content}`);
}
