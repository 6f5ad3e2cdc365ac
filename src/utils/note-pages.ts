import type { SiteConfig } from '../site-config.ts';
import { gitDates, lastUpdated, type LastUpdated } from './git-dates.ts';
import {
  backlinkIndex,
  neighbours,
  sharingTopicsOf,
  sidebarView,
  type NavNote,
  type SidebarView,
  type SiteNavigation,
} from './navigation.ts';

/** A note as the page model needs it: a collection entry has these fields. */
export interface PageNote extends NavNote {
  /** The note's file from the project root (`content/notes/iam.md`). */
  filePath?: string;
  data: NavNote['data'] & { updated?: Date };
}

/** Everything a note page shows around the note's own text, computed once for all pages. */
export interface NotePage<T extends PageNote> {
  note: T;
  prev?: T;
  next?: T;
  sidebar?: SidebarView<T>;
  /** Notes whose text links here, in reading order. */
  backlinks: T[];
  /** Notes sharing this note's topics, most shared first. */
  sharingTopics: { note: T; shared: string[] }[];
  lastUpdated?: LastUpdated;
  /** "このノートを編集" link into the notes' repository, when `REPO_URL` is set. */
  editUrl?: string;
}

export interface NotePagesInput<T extends PageNote> {
  /** The site's navigation, worked out once per build (`siteNavigation`): every page reads this one. */
  nav: SiteNavigation<T>;
  /** Each note's outgoing links to other notes, as the Markdown pass recorded them (`remark-note-data.ts`). */
  noteLinks: ReadonlyMap<string, readonly string[]>;
  config: Pick<SiteConfig, 'repoUrl' | 'repoBranch'>;
  /** The project root, for git's dates. */
  root: string;
}

/**
 * Related-note lists are capped so a page's size does not grow with the number of notes (the
 * topic pages have the full lists).
 */
export const MAX_RELATED = 10;

/**
 * The model of every note page (prev/next, sidebar window, backlinks, notes sharing topics, last
 * update, edit link), worked out from the collection once. Routes and components only render it.
 */
export function notePages<T extends PageNote>(input: NotePagesInput<T>): NotePage<T>[] {
  const { nav } = input;
  const byId = new Map(nav.sorted.map((note) => [note.id, note]));
  const gitDateOf = gitDates(input.root);
  const backlinks = backlinkIndex(input.noteLinks);
  const sharingTopics = sharingTopicsOf(nav, MAX_RELATED);
  return nav.sorted.map((note) => ({
    note,
    ...neighbours(nav, note.id),
    sidebar: sidebarView(nav, note.id),
    backlinks: (backlinks.get(note.id) ?? [])
      .flatMap((id) => byId.get(id) ?? [])
      .sort((a, b) => nav.position.get(a.id)! - nav.position.get(b.id)!)
      .slice(0, MAX_RELATED),
    sharingTopics: sharingTopics(note),
    lastUpdated: lastUpdated(note.filePath ? gitDateOf(note.filePath) : undefined, note.data.updated),
    editUrl: editUrlOf(input.config, note.filePath),
  }));
}

/** `https://github.com/o/r/edit/main/content/notes/iam.md`, or undefined without `REPO_URL`. */
export function editUrlOf(config: Pick<SiteConfig, 'repoUrl' | 'repoBranch'>, filePath: string | undefined) {
  if (!config.repoUrl || !filePath) return undefined;
  return `${config.repoUrl}/edit/${config.repoBranch}/${filePath.split('/').map(encodeURIComponent).join('/')}`;
}
