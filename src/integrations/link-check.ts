import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { listNoteFiles, noteIdOf } from '../notes/note-sources.ts';
import { noteIdOfPath } from '../site-config.ts';
import { findDeadLinks, type DeadLink } from '../utils/internal-links.ts';
import { safeDecodeUri } from '../utils/safe-decode.ts';
import { filesUnder } from '../utils/slash-path.ts';
import type { ContentWarnings } from '../markdown/content-warnings.ts';

export interface LinkCheckOptions {
  /** The content folder, relative to the project root: a dead link in a note is reported at its file and line. */
  contentDir: string;
  /** The build's warnings: where a note's `#fragment` names no heading. */
  warnings: ContentWarnings;
}

/**
 * Fails `astro build` when any internal link would be dead on S3 + CloudFront. A note's link whose
 * page exists but whose `#fragment` names no element stays a link, as on Zenn (the reader lands at
 * the top of the page), and is a warning (`content-warnings.ts`; `NOTES_STRICT=1`: an error); the
 * same on a page the site makes itself is the site's own bug and fails. Each problem names the note
 * file and line that holds the link, so the fix is one jump away.
 */
export function linkCheck({ contentDir, warnings }: LinkCheckOptions): AstroIntegration {
  let root = '';
  return {
    name: 'aws-memo:link-check',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const htmlFiles = (await filesUnder(distDir)).filter((file) => file.endsWith('.html'));
        const found = await findDeadLinks(distDir, htmlFiles);
        if (found.length === 0) {
          logger.info(`${htmlFiles.length} pages: every internal link resolves`);
          return;
        }
        const noteFiles = new Map(listNoteFiles(join(root, contentDir)).map((entry) => [noteIdOf(entry), entry]));
        const places = await Promise.all(
          found.map(async (link) => {
            const entry = noteFiles.get(noteIdOfPath(link.page) ?? '');
            return {
              link,
              place: entry === undefined ? undefined : await placeOf(link, root, `${contentDir}/${entry}`),
            };
          }),
        );
        const dead: typeof places = [];
        for (const item of places) {
          const { link, place } = item;
          // A fragment the author wrote is a warning; one the site made (no line holds it) is the site's bug.
          if (link.missing === 'page' || !place?.line) {
            dead.push(item);
            continue;
          }
          warnings.add({
            ...place,
            problem: `links to "${safeDecodeUri(link.href)}": ${link.problem}`,
            fix: 'The link stays and opens the top of the page; fix the #fragment to a heading id on that page',
          });
        }
        if (dead.length === 0) {
          logger.info(`${htmlFiles.length} pages: every internal link leads to a page`);
          return;
        }
        const lines = dead.map(({ link, place }) => describe(link, place));
        throw new Error(
          `${dead.length} dead internal link(s):\n${lines.join('\n')}\nFix each link, or add the page or heading it points to.`,
        );
      },
    },
  };
}

/** Where a note's source holds the link: its file, and the first line that has the link's text. */
async function placeOf(link: DeadLink, root: string, file: string): Promise<{ file: string; line?: number }> {
  const source = await readFile(join(root, file), 'utf8').catch(() => '');
  const line = source
    .split('\n')
    .findIndex((text) => text.includes(link.href) || text.includes(safeDecodeUri(link.href)));
  return line >= 0 ? { file, line: line + 1 } : { file };
}

/** `content/notes/iam.md:12: links to "/notes/nope/": …` for a note, else the page URL. */
function describe(link: DeadLink, place: { file: string; line?: number } | undefined): string {
  if (!place) return `  page ${link.page}: links to "${link.href}": ${link.problem}`;
  return `  ${place.file}${place.line ? `:${place.line}` : ''}: links to "${link.href}": ${link.problem}`;
}
