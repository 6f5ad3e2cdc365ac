import { defineCollection } from 'astro:content';
import { notesLoader } from './loaders/notes-loader.ts';
import { noteSchema } from './schemas/note.ts';
import { siteConfig } from './site-config.ts';

const notes = defineCollection({
  loader: notesLoader(siteConfig.contentDir),
  schema: noteSchema,
});

export const collections = { notes };
