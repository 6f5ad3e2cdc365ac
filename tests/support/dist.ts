import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { filesUnder } from '../../src/utils/slash-path.ts';

/** The built site. `npm test` builds it before Vitest starts. */
export const distDir = join(import.meta.dirname, '..', '..', 'dist');

export function assertBuilt(): void {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`No build in ${distDir}: run "npm run build" first (npm test does it for you).`);
  }
}

/** Every file under dist/, as URL-style paths relative to it (`notes/iam/index.html`). */
export const listDistFiles = (dir = distDir): Promise<string[]> => filesUnder(dir);

export async function listHtmlPages(): Promise<string[]> {
  return (await listDistFiles()).filter((file) => file.endsWith('.html'));
}

/** A built page parsed into a DOM (linkedom), for asserting on what a reader gets. */
export async function readPage(file: string): Promise<Document> {
  const html = await readFile(join(distDir, file), 'utf8');
  return parseHTML(html).document as unknown as Document;
}
