import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, sep } from 'node:path';
import type { AstroIntegration } from 'astro';
import { listNoteFiles, noteIdOf } from '../loaders/note-sources.ts';
import { noteIdOfPath } from '../site-config.ts';
import { findDeadLinks, type DeadLink } from '../utils/internal-links.ts';

export interface LinkCheckOptions {
  /** The content folder, relative to the project root: a dead link in a note is reported at its file and line. */
  contentDir: string;
}

/**
 * Fails `astro build` when any internal link or `#fragment` would be dead on S3 + CloudFront.
 * Each problem names the note file and line that holds the link, so the fix is one jump away.
 */
export function linkCheck({ contentDir }: LinkCheckOptions): AstroIntegration {
  let root = '';
  return {
    name: 'aws-memo:link-check',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const htmlFiles = (await readdir(distDir, { recursive: true })).filter((file) => file.endsWith('.html'));
        const dead = await findDeadLinks(
          distDir,
          htmlFiles.map((file) => file.split(sep).join('/')),
        );
        if (dead.length === 0) {
          logger.info(`${htmlFiles.length} pages: every internal link resolves`);
          return;
        }
        const noteFiles = new Map(listNoteFiles(join(root, contentDir)).map((entry) => [noteIdOf(entry), entry]));
        const lines = await Promise.all(
          dead.map((link) => {
            const entry = noteFiles.get(noteIdOfPath(link.page) ?? '');
            return describe(link, entry === undefined ? undefined : { root, file: `${contentDir}/${entry}` });
          }),
        );
        throw new Error(
          `${dead.length} dead internal link(s):\n${lines.join('\n')}\nFix each link, or add the page or heading it points to.`,
        );
      },
    },
  };
}

/** `content/notes/iam.md:12: links to "/notes/nope/": …` for a note, else the page URL. */
async function describe(link: DeadLink, note: { root: string; file: string } | undefined): Promise<string> {
  if (!note) return `  page ${link.page}: links to "${link.href}": ${link.problem}`;
  const source = await readFile(join(note.root, note.file), 'utf8').catch(() => '');
  const line = source.split('\n').findIndex((text) => text.includes(link.href) || text.includes(safeDecode(link.href)));
  return `  ${note.file}${line >= 0 ? `:${line + 1}` : ''}: links to "${link.href}": ${link.problem}`;
}

function safeDecode(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
