/**
 * The Markdown pass alone (`npm run bench -- markdown`, `--notes N`, default 1,000): the same note
 * bodies rendered one after another in this process by
 *
 * - the site's pipeline: unified with every plugin, as `astro.config.mjs` sets it up;
 * - bare unified: remark-parse, remark-gfm, remark-rehype and rehype-stringify, no plugin of ours;
 * - Sätteri, Astro 7's native processor (stock Starlight renders with it): GFM, math and `:::`
 *   directives on, no plugins.
 *
 * Each is timed over every note three times; the median counts. It measures what moving the
 * pipeline onto Sätteri could save at most (issue 14; docs/quality.md), not a build: a build also
 * starts up, bundles, renders pages and indexes them, whatever renders the Markdown.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { markdownToHtml } from 'satteri';
import { unified } from 'unified';
import { ContentWarnings } from '../src/markdown/content-warnings.ts';
import { markdownPipeline } from '../src/notes/markdown-pipeline.ts';
import { createNoteIndex } from '../src/notes/note-index.ts';
import { generateSite, readNotes, type SourceNote } from './generate-notes.ts';
import { notesOption } from './scale.ts';
import { median } from './stats.ts';

type Render = (note: SourceNote) => Promise<unknown> | unknown;

const ROUNDS = 3;

/** Milliseconds to render every note once, `ROUNDS` times; the median and every round. */
async function time(notes: readonly SourceNote[], render: Render): Promise<{ median: number; rounds: number[] }> {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (const note of notes) await render(note);
    rounds.push(performance.now() - started);
  }
  return { median: median(rounds), rounds };
}

/** The site's own renderer, made as Astro makes it from the `markdown` config. */
async function sitePipeline(root: string, contentDir: string): Promise<Render> {
  // As a build makes it: one note index, the notes fixed while it runs.
  const notes = createNoteIndex({ root, contentDir });
  notes.filesAreFixed();
  const markdown = markdownPipeline({ root, contentDir, warnings: new ContentWarnings(false), notes });
  // What Astro passes (vite-plugin-markdown/content-entry-type.js), with its defaults: no remote
  // image domains, Shiki's defaults under ours; `gfm` and `smartypants` are the pipeline's own.
  const renderer = await markdown.processor.createRenderer({
    image: { domains: [], remotePatterns: [] },
    syntaxHighlight: markdownConfigDefaults.syntaxHighlight,
    shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...markdown.shikiConfig },
  } as Parameters<typeof markdown.processor.createRenderer>[0]);
  return (note) => renderer.render(note.body.trim(), { frontmatter: note.data, fileURL: pathToFileURL(note.file) });
}

export async function run(args: string[] = []): Promise<Record<string, number | string>> {
  const count = notesOption(args);
  const site = await generateSite(count);
  try {
    // The `.md` notes: an `.mdx` note is compiled by MDX, not by this renderer (the memo has none).
    const notes = (await readNotes(join(site.dir, 'content', 'notes'))).filter((note) => note.extension === '.md');
    const bare = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);
    const engines: Record<string, Render> = {
      'the site pipeline (unified + plugins)': await sitePipeline(site.dir, 'content'),
      'bare unified (remark-parse, remark-gfm, remark-rehype, rehype-stringify)': (note) => bare.process(note.body),
      'Sätteri (GFM, math, directives; no plugins)': (note) =>
        markdownToHtml(note.body, { features: { gfm: true, math: true, directive: true } }),
    };
    const figures: Record<string, number | string> = { notes: notes.length };
    for (const [name, render] of Object.entries(engines)) {
      const { median: ms, rounds } = await time(notes, render);
      figures[`${name}, ms per note`] = Number((ms / notes.length).toFixed(3));
      figures[`${name}, s for all (rounds)`] =
        `${(ms / 1000).toFixed(2)} (${rounds.map((r) => (r / 1000).toFixed(2)).join(', ')})`;
    }
    return figures;
  } finally {
    await site.remove();
  }
}
