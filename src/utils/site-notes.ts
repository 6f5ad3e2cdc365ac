import { fileURLToPath } from 'node:url';
import { root } from 'astro:config/server';
import { getCollection, render, type CollectionEntry } from 'astro:content';
import type { RecordedNoteData } from '../integrations/remark-note-links.ts';
import { siteConfig } from '../site-config.ts';
import { notePages, type NotePage } from './note-pages.ts';
import { siteNavigation, type SiteNavigation } from './navigation.ts';

export type Note = CollectionEntry<'notes'>;
export type RenderedNote = Awaited<ReturnType<typeof render>>;
export type LoadedNotePage = NotePage<Note> & { rendered: RenderedNote };

/** The notes in reading order, grouped and by topic (the home page and the topic pages). */
export const loadNavigation = async (): Promise<SiteNavigation<Note>> => siteNavigation(await getCollection('notes'));

/**
 * Every note page's model, from the collection loaded once: each note rendered once (its
 * Markdown pass recorded which notes it links to) and `notePages` for the rest.
 */
export async function loadNotePages(): Promise<LoadedNotePage[]> {
  const notes = await getCollection('notes');
  const rendered = new Map(await Promise.all(notes.map(async (note) => [note.id, await render(note)] as const)));
  const noteLinks = new Map(
    [...rendered].map(([id, { remarkPluginFrontmatter }]) => [
      id,
      (remarkPluginFrontmatter as Partial<RecordedNoteData>).noteLinks ?? [],
    ]),
  );
  return notePages({ notes, noteLinks, config: siteConfig, root: fileURLToPath(root) }).map((page) => ({
    ...page,
    rendered: rendered.get(page.note.id)!,
  }));
}
