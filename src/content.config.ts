import { defineCollection } from 'astro:content';
import { NOTES_DIR } from './consts.ts';
import { notesLoader } from './loaders/notes-loader.ts';
import { noteSchema } from './schemas/note.ts';

const notes = defineCollection({
  loader: notesLoader({ base: NOTES_DIR, extensions: ['.mdx'] }),
  schema: noteSchema,
});

export const collections = { notes };
