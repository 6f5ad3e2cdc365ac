import { fileURLToPath } from 'node:url';
import { root } from 'astro:config/server';
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { showDrafts } from 'virtual:drafts';
import { recordedOf } from '../markdown/recorded.ts';
import { siteConfig } from '../site-config.ts';
import { notePages, type NotePage } from './note-pages.ts';
import { siteNavigation, type SiteNavigation } from './navigation.ts';

type RenderedNote = Awaited<ReturnType<typeof render>>;

/** A note as pages show it: the collection entry, its rendered body, and its description resolved. */
export type Note = CollectionEntry<'notes'> & {
  /** `render(note)`: the body's component, its headings, what the Markdown pass recorded. */
  content: RenderedNote;
  /** The frontmatter's `description`, or the note's first paragraph. */
  description: string;
  /** True for a draft (`published: false`), which only `astro dev` shows. */
  draft: boolean;
};
export type LoadedNotePage = NotePage<Note>;

export interface SiteNotes {
  notes: Note[];
  nav: SiteNavigation<Note>;
  pages: LoadedNotePage[];
}

let loaded: Promise<SiteNotes> | undefined;
let categories: Promise<string[]> | undefined;

/**
 * The site's notes, loaded once per build: the collection without drafts (`astro dev` keeps them,
 * marked), each note rendered once (its Markdown pass recorded its first paragraph and the notes
 * it links to), the navigation and every note page's model. Pages read this, nothing else.
 */
export function loadSiteNotes(): Promise<SiteNotes> {
  // `astro dev` reloads content on every change, so it loads afresh; a build loads once.
  if (showDrafts) return load();
  return (loaded ??= load());
}

/** The notes a reader gets: drafts only in `astro dev`. */
const published = async () => (await getCollection('notes')).filter((entry) => showDrafts || entry.data.published);

/**
 * The sections of the site (categories, books, uncategorized) in order, without rendering any note.
 * Every page's search dialog asks: a build works them out once (sorting every note per page made
 * a 1,000-note build spend two seconds here).
 */
export function loadCategories(): Promise<string[]> {
  const load = async () => siteNavigation(await published()).groups.map((group) => group.category);
  if (showDrafts) return load();
  return (categories ??= load());
}

async function load(): Promise<SiteNotes> {
  const entries = await published();
  const notes: Note[] = await Promise.all(
    entries.map(async (entry) => {
      const content = await render(entry);
      const recorded = recordedOf(content.remarkPluginFrontmatter);
      return {
        ...entry,
        content,
        description: entry.data.description ?? recorded.excerpt ?? entry.data.title,
        draft: !entry.data.published,
      };
    }),
  );
  const noteLinks = new Map(
    notes.map((note) => [note.id, recordedOf(note.content.remarkPluginFrontmatter).noteLinks ?? []]),
  );
  const pages = notePages({ notes, noteLinks, config: siteConfig, root: fileURLToPath(root) });
  return { notes, nav: siteNavigation(notes), pages };
}
