/** The built Atom feed: valid, every note by its last update, absolute URLs, linked from every page. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { siteConfig } from '../../src/site-config.ts';
import { readAtom, type AtomFeed } from '../support/atom.ts';
import { commitDatesOf } from '../support/git-log.ts';
import { assertBuilt, distDir, listHtmlPages, readPage } from '../support/dist.ts';

/** The configured site URL without its final `/`. */
const site = siteConfig.siteUrl.replace(/\/$/, '');

let feed: AtomFeed;
let noteIds: string[];
beforeAll(async () => {
  assertBuilt();
  feed = readAtom(await readFile(join(distDir, 'atom.xml'), 'utf8'));
  noteIds = (await listHtmlPages())
    .map((file) => /^notes\/(.+)\/index\.html$/.exec(file)?.[1])
    .filter((id): id is string => !!id);
});

describe('/atom.xml', () => {
  test('is valid Atom naming the site, with absolute URLs on the configured site', () => {
    expect(feed.id).toBe(`${site}/`);
    expect(feed.title).toBe('AWSメモ');
    expect(feed.links).toContainEqual({ rel: 'self', type: 'application/atom+xml', href: `${site}/atom.xml` });
    expect(feed.links).toContainEqual({ rel: 'alternate', type: 'text/html', href: `${site}/` });
  });

  test('has every note once (up to 50), newest update first, each dated as its page says', async () => {
    expect(feed.entries).toHaveLength(Math.min(noteIds.length, 50));
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(feed.entries.length);
    const times = feed.entries.map((e) => Date.parse(e.updated));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(feed.updated).toBe(feed.entries[0]!.updated);
    for (const entry of feed.entries) {
      const id = /^.+\/notes\/([^/]+)\/$/.exec(entry.id)?.[1];
      expect(entry.id, 'absolute note URL').toBe(`${site}/notes/${id}/`);
      expect(entry.links).toEqual([{ rel: 'alternate', type: 'text/html', href: entry.id }]);
      const page = await readPage(`notes/${id}/index.html`);
      expect(entry.title).toBe(page.querySelector('h1')?.textContent);
      expect(entry.summary).toBe(page.querySelector('meta[name="description"]')?.getAttribute('content'));
      // The date the note shows: the memo's notes are committed, so git's. The feed has it to the
      // second, the page to the day (in Japan time), and it is a commit of the note's file (git's
      // own list, renames followed), not the build's time or the file's.
      const shown = page.querySelector('.note-updated time');
      expect(shown?.getAttribute('data-source'), `${id}: the page shows git's date`).toBe('git');
      expect(new Date(entry.updated).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' })).toBe(
        shown!.getAttribute('datetime'),
      );
      expect(commitDatesOf(`${siteConfig.contentDir}/notes/${id}.md`), id).toContain(entry.updated);
    }
  });

  test('every page links it in its head', async () => {
    for (const file of await listHtmlPages()) {
      const links = (await readPage(file)).querySelectorAll('head link[rel="alternate"][type="application/atom+xml"]');
      expect(links.length, file).toBe(1);
      expect(links[0]!.getAttribute('href'), file).toBe('/atom.xml');
      expect(links[0]!.getAttribute('title'), file).toBeTruthy();
    }
  });
});
