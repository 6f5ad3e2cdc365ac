import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { NOTES_DIR } from './consts.ts';
import { noteSchema } from './schemas/note.ts';

const notes = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `./${NOTES_DIR}` }),
  schema: noteSchema,
});

export const collections = { notes };
