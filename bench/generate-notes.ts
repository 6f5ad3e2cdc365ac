/**
 * A throwaway site of `count` notes made from the memo's text, for the scale bench. Built the way
 * tests/support/throwaway-site.ts builds its sites: a folder under `.bench/` (gitignored) with a
 * copy of the real `src/` (through a symlink the build leaves out the layouts' stylesheet), `public/`
 * symlinked, the real config copied, and its own `content/notes/`.
 *
 * The notes: the 14 real notes unchanged (so every internal link, `#fragment` and glossary term in
 * the memo's text still resolves), then copies of them, round-robin, each with its own id, title,
 * description and order, the same category and topics, and no glossary `terms:` (a term is
 * declared once). Every copy's body is the memo's text of its source note plus a line naming the
 * copy, so no two pages are identical.
 */
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { siteConfig } from '../src/site-config.ts';

export const repoRoot = join(import.meta.dirname, '..');
export const benchDir = join(repoRoot, '.bench');

export interface GeneratedSite {
  /** The site's root; build it with `astro build` run in this folder. */
  dir: string;
  notes: number;
  /** Bytes of the generated note sources. */
  sourceBytes: number;
  remove(): Promise<void>;
}

export interface SourceNote {
  id: string;
  /** `.md` or `.mdx`, as the real note's file: a copy keeps its source's format. */
  extension: string;
  /** The file's path. */
  file: string;
  data: Record<string, unknown>;
  body: string;
}

/** A note file's frontmatter (parsed) and body, or undefined if it has no frontmatter. */
export function splitNote(text: string): { data: Record<string, unknown>; body: string } | undefined {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  return match ? { data: parse(match[1]!) as Record<string, unknown>, body: match[2]! } : undefined;
}

/** The notes in `dir` (`.md` and `.mdx`), by file name; one without frontmatter is an error. */
export async function readNotes(dir: string): Promise<SourceNote[]> {
  const files = (await readdir(dir)).filter((name) => /\.mdx?$/.test(name)).sort();
  return Promise.all(
    files.map(async (name) => {
      const file = join(dir, name);
      const note = splitNote(await readFile(file, 'utf8'));
      if (!note) throw new Error(`${file}: no frontmatter`);
      const [, id = name, extension = ''] = /^(.*)(\.mdx?)$/.exec(name) ?? [];
      return { id, extension, file, ...note };
    }),
  );
}

/** The file of copy number `n` (1-based) of `source`. */
export function copyOf(source: SourceNote, n: number): { name: string; text: string } {
  const { terms: _terms, ...data } = source.data;
  const frontmatter = {
    ...data,
    title: `${String(data.title)} その${n}`,
    description: `${String(data.description)}（写し ${n}）`,
    order: Number(data.order ?? 0) + n * 100,
  };
  const body = `${source.body.trimEnd()}\n\n写し ${n}：${String(data.title)} のノートを元にした生成ノート。\n`;
  return {
    name: `${source.id}-${n}${source.extension}`,
    text: `---\n${stringify(frontmatter).trimEnd()}\n---\n${body}`,
  };
}

export async function generateSite(count: number): Promise<GeneratedSite> {
  const sources = await readNotes(join(repoRoot, siteConfig.contentDir, 'notes'));
  if (count < sources.length)
    throw new Error(`--notes must be at least ${sources.length} (the real notes are always included)`);
  await mkdir(benchDir, { recursive: true });
  const dir = await mkdtemp(join(benchDir, `scale-${count}-`));
  await cp(join(repoRoot, 'src'), join(dir, 'src'), { recursive: true });
  await symlink(join(repoRoot, 'public'), join(dir, 'public'));
  await copyFile(join(repoRoot, 'astro.config.mjs'), join(dir, 'astro.config.mjs'));
  await copyFile(join(repoRoot, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  const notesDir = join(dir, join(siteConfig.contentDir, 'notes'));
  await mkdir(notesDir, { recursive: true });
  for (const intro of (await readdir(join(repoRoot, 'content'))).filter((name) => /^intro\.mdx?$/.test(name)))
    await copyFile(join(repoRoot, 'content', intro), join(dir, 'content', intro));

  let sourceBytes = 0;
  const write = async (name: string, text: string) => {
    sourceBytes += Buffer.byteLength(text);
    await writeFile(join(notesDir, name), text);
  };
  for (const { id, extension } of sources) {
    const name = `${id}${extension}`;
    await write(name, await readFile(join(repoRoot, siteConfig.contentDir, 'notes', name), 'utf8'));
  }
  for (let i = 0; i < count - sources.length; i++) {
    const { name, text } = copyOf(sources[i % sources.length]!, Math.floor(i / sources.length) + 1);
    await write(name, text);
  }
  return { dir, notes: count, sourceBytes, remove: () => rm(dir, { recursive: true, force: true }) };
}
