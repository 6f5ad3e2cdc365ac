import type { APIRoute } from 'astro';
import { SITE_DESCRIPTION, SITE_TITLE } from '../consts.ts';
import { noteMarkdownPath } from '../site-config.ts';
import { llmsTxt } from '../utils/llms-txt.ts';
import { loadSiteNotes } from '../notes/site-notes.ts';

/** Tells an assistant what the linked files are and how to read their Zenn syntax. */
const DETAILS =
  '各リンク先はノートの Markdown です。著者が Zenn の記法で書いた原文そのままで、frontmatter はタイトル（title）とページの URL（url）だけです。' +
  '`:::message` と `:::details` は囲み、`@[card](URL)` などは埋め込みを表します。';

/** `/llms.txt` (llmstxt.org): every published note by category, each linking to its Markdown. */
export const GET: APIRoute = async ({ site }) => {
  const { nav } = await loadSiteNotes();
  const body = llmsTxt({
    title: SITE_TITLE,
    summary: SITE_DESCRIPTION,
    details: DETAILS,
    sections: nav.groups.map((group) => ({
      title: group.category,
      links: group.notes.map((note) => ({
        title: note.data.title,
        url: new URL(noteMarkdownPath(note.id), site).href,
        description: note.description,
      })),
    })),
  });
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
