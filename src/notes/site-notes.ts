import { fileURLToPath } from 'node:url';
import { root } from 'astro:config/server';
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { showDrafts } from 'virtual:drafts';
import { recordedOf, type Recorded } from '../markdown/recorded.ts';
import { siteConfig } from '../site-config.ts';
import { notePages, type NotePage } from '../utils/note-pages.ts';
import { siteNavigation, type SiteNavigation } from '../utils/navigation.ts';

type RenderedNote = Awaited<ReturnType<typeof render>>;

/** What the Markdown pass recorded about a note's body, every field set (a plugin records nothing of a note without math). */
type NoteRecord = Pick<Recorded, 'noteLinks' | 'clozeSentences' | 'math' | 'hasImages'> &
  Pick<Partial<Recorded>, 'excerpt'>;

/** A note as pages show it: the collection entry, its rendered body, and its description resolved. */
export type Note = CollectionEntry<'notes'> & {
  /** `render(note)`: the body's component and its headings. */
  content: RenderedNote;
  /** What the Markdown pass recorded: its links, 穴埋め sentences, and whether the page needs math or image styles. */
  recorded: NoteRecord;
  /** The frontmatter's `description`, or the note's first paragraph. */
  description: string;
  /** True for a draft (`published: false`), which only `astro dev` shows. */
  draft: boolean;
};
export type LoadedNotePage = NotePage<Note>;

export interface SiteNotes {
  notes: Note[];
  /** Reading order, sections (categories, books), topics: the one navigation every page reads. */
  nav: SiteNavigation<Note>;
  pages: LoadedNotePage[];
}

let loaded: Promise<SiteNotes> | undefined;

/**
 * The site's notes, loaded once per build: the collection without drafts (`astro dev` keeps them,
 * marked), each note rendered once (its Markdown pass recorded its first paragraph and the notes
 * it links to), the navigation, worked out once, and every note page's model. Pages read this,
 * nothing else.
 */
export function loadSiteNotes(): Promise<SiteNotes> {
  // `astro dev` reloads content on every change, so it loads afresh; a build loads once.
  if (showDrafts) return load();
  return (loaded ??= load());
}

async function load(): Promise<SiteNotes> {
  const entries = (await getCollection('notes')).filter((entry) => showDrafts || entry.data.published);
  const notes: Note[] = await Promise.all(
    entries.map(async (entry) => {
      const content = await render(entry);
      const recorded = recordOf(content);
      return {
        ...entry,
        content,
        recorded,
        description: entry.data.description ?? recorded.excerpt ?? entry.data.title,
        draft: !entry.data.published,
      };
    }),
  );
  const nav = siteNavigation(notes);
  const noteLinks = new Map(notes.map((note) => [note.id, note.recorded.noteLinks]));
  const pages = notePages({ nav, noteLinks, config: siteConfig, root: fileURLToPath(root) });
  return { notes, nav, pages };
}

/**
 * What the Markdown pass recorded (`recordedOf`, checked against its schema), read here once,
 * with the defaults of a note that recorded nothing (no links, no math).
 */
function recordOf(content: RenderedNote): NoteRecord {
  const recorded = recordedOf(content.remarkPluginFrontmatter);
  return {
    noteLinks: recorded.noteLinks ?? [],
    excerpt: recorded.excerpt,
    clozeSentences: recorded.clozeSentences ?? [],
    math: recorded.math ?? false,
    hasImages: recorded.hasImages ?? false,
  };
}
