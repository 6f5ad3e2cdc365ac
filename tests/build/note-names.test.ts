/**
 * A note's file name may reach the content folder in decomposed Unicode (NFD: macOS writes file
 * names so, and a copy from a Mac keeps it): `ガイド.md` as カ + U+3099 … The note's id and URL are
 * the composed (NFC) form all the same, links written in either form reach it, and two files whose
 * names differ only by normalisation are the same note, refused like any other duplicate.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, test } from 'vitest';
import { throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

const made: ThrowawaySite[] = [];
afterAll(() => Promise.all(made.map((site) => site.remove())));

const nfc = 'ガイド';
const nfd = nfc.normalize('NFD');

const note = (title: string, body: string) => `---\ntitle: "${title}"\n---\n${body}\n`;

test('the two spellings are different strings (else this file tests nothing)', () => {
  expect(nfd).not.toBe(nfc);
  expect(nfd.normalize('NFC')).toBe(nfc);
});

describe('a note whose file name is NFD', () => {
  test('builds at its NFC URL, and links to it in either form resolve and point there', async () => {
    const site = await throwawaySite({
      content: {
        [`notes/${nfd}.md`]: note('ガイド', '## 設定\n\n設定の説明。'),
        'notes/links.md': note(
          'リンク集',
          [
            `[合成済み](/notes/${nfc}/)`,
            `[分解済み](/notes/${nfd}/)`,
            `[見出しへ](/notes/${nfc}/#設定)`,
            `[符号化](/notes/${encodeURIComponent(nfd)}/)`,
          ].join('\n\n'),
        ),
      },
    });
    made.push(site);
    const result = await site.build();
    expect(result.ok, result.output.slice(-3000)).toBe(true);
    expect(result.output).toContain('every internal link resolves');

    const page = await readFile(join(site.dir, 'dist', 'notes', nfc, 'index.html'), 'utf8');
    expect(parseHTML(page).document.querySelector('h1')?.textContent).toBe('ガイド');
    const links = parseHTML(await readFile(join(site.dir, 'dist', 'notes', 'links', 'index.html'), 'utf8')).document;
    const hrefs = [...links.querySelectorAll('.prose a')]
      .map((a) => decodeURIComponent(a.getAttribute('href') ?? ''))
      .filter((href) => href.startsWith('/notes/'));
    expect(hrefs).toEqual([`/notes/${nfc}/`, `/notes/${nfc}/`, `/notes/${nfc}/#設定`, `/notes/${nfc}/`]);
    // The note's backlinks list the linking note under the NFC id.
    expect(page).toContain('href="/notes/links/"');
  }, 180_000);

  test('an NFC and an NFD file of the same name fail as a duplicate, naming both', async () => {
    const site = await throwawaySite({
      content: {
        [`notes/${nfc}.md`]: note('合成済み', '本文。'),
        [`notes/${nfd}.md`]: note('分解済み', '本文。'),
      },
    });
    made.push(site);
    const result = await site.build();
    expect(result.ok).toBe(false);
    expect(result.output).toContain(`content/notes/${nfc}.md`);
    expect(result.output).toContain(`content/notes/${nfd}.md`);
    expect(result.output).toContain(`both become the note "/notes/${nfc}/"`);
    expect(result.output).toContain('differ only in how their Unicode characters are composed');
  }, 180_000);
});
