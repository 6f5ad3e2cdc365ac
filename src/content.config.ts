import { createRequire } from 'node:module';
import { defineCollection } from 'astro/content/config';
import { noteSchema } from './schemas/note.ts';
import { siteConfig } from './site-config.ts';

// Astro runs this file through Vite's module runner, which transforms and runs each module it
// imports one at a time: the loader's forty modules cost a build ~1 s of its start-up. Node loads
// them itself (it strips the types), as it loads astro.config.mjs and the Markdown pipeline
// (docs/quality.md, "The 14-note build's start-up"). The price: `npm run dev` picks up an edit to
// this code (the loader, the pipeline) only when it is stopped and started again.
const { notesLoader } = createRequire(import.meta.url)(
  './notes/notes-loader.ts',
) as typeof import('./notes/notes-loader.ts');

const notes = defineCollection({
  loader: notesLoader(siteConfig.contentDir),
  schema: noteSchema,
});

export const collections = { notes };
