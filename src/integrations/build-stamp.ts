/**
 * The build's very last step: stamps `dist/` as complete. It must come last in astro.config.mjs,
 * after Pagefind and the service worker, so only a build whose every step succeeded is stamped;
 * a build removes the old stamp when it starts writing, so one that fails after that leaves an
 * unstamped folder, which the deploy refuses to publish (deploy/build-stamp.ts); one that fails
 * before (the content sync: a note the schema refuses) leaves the last good build, stamped. The
 * stamp names the site URL, the commit and the hash of every file, so a folder changed after its
 * build is refused too:
 *
 *   dist/build-stamp.json
 *   { "version": 1, "siteUrl": "https://notes.example.org/", "commit": "9834c06…",
 *     "built": "2026-11-28T12:00:00.000Z", "files": 412, "hash": "3f2a9c1b…", "warnings": 0 }
 *
 * Here, not in deploy/, because a throwaway test site copies `src/` and the config alone.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AstroIntegration } from 'astro';
import type { ContentWarnings } from '../markdown/content-warnings.ts';
import { toSlashPath } from '../utils/slash-path.ts';

export const BUILD_STAMP = 'build-stamp.json';
const NAME = 'aws-memo:build-stamp';

/** A file of the build, by its key (path in dist/ with `/`), with its size and hex MD5. */
export interface BuildFile {
  key: string;
  size: number;
  md5: string;
}

export interface BuildStamp {
  version: 1;
  /** The URL the build names in canonical links and the sitemap. */
  siteUrl: string;
  /** `git rev-parse HEAD` of the build, with `-dirty` when the work tree had changes. */
  commit?: string;
  /** ISO time the build finished. */
  built: string;
  /** How many files the build has (the stamp not counted). */
  files: number;
  /** `contentHash` of those files. */
  hash: string;
  /** How many problems the pages show in place (content-warnings.ts); the deploy says so before it publishes. */
  warnings?: number;
}

/** Byte-order key comparison: stable across locales, unlike localeCompare. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a build holds, as one hash: equal builds make equal hashes, whatever order they were read in. */
export function contentHash(files: readonly BuildFile[]): string {
  const lines = [...files].sort((a, b) => compareKeys(a.key, b.key)).map((f) => `${f.key}\t${f.md5}\t${f.size}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** Every file under `dir` but the stamp, with its MD5, sorted by key. */
export async function listBuildFiles(dir: string): Promise<BuildFile[]> {
  const files: BuildFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const key = toSlashPath(relative(dir, path));
        if (key === BUILD_STAMP) continue;
        const body = await readFile(path);
        files.push({ key, size: body.length, md5: createHash('md5').update(body).digest('hex') });
      }
    }
  };
  await walk(dir);
  return files.sort((a, b) => compareKeys(a.key, b.key));
}

/** The commit the work tree in `cwd` is at, `-dirty` when it has changes; undefined outside git. */
async function gitCommit(cwd: string): Promise<string | undefined> {
  const git = (args: string[]) => promisify(execFile)('git', args, { cwd }).then((r) => r.stdout.trim());
  try {
    const head = await git(['rev-parse', 'HEAD']);
    return (await git(['status', '--porcelain'])) ? `${head}-dirty` : head;
  } catch {
    return undefined;
  }
}

export async function writeBuildStamp(
  dir: string,
  build: { siteUrl: string; commit?: string; now?: Date; warnings?: number },
): Promise<BuildStamp> {
  const files = await listBuildFiles(dir);
  const stamp: BuildStamp = {
    version: 1,
    siteUrl: build.siteUrl,
    ...(build.commit ? { commit: build.commit } : {}),
    built: (build.now ?? new Date()).toISOString(),
    files: files.length,
    hash: contentHash(files),
    ...(build.warnings ? { warnings: build.warnings } : {}),
  };
  await writeFile(join(dir, BUILD_STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

export function buildStamp({ warnings }: { warnings: ContentWarnings }): AstroIntegration {
  let site = '';
  let outDir = '';
  // `git status` takes a few tenths of a second: asked while the site builds, not after.
  let commit: Promise<string | undefined> = Promise.resolve(undefined);
  return {
    name: NAME,
    hooks: {
      'astro:config:setup': ({ command, config }) => {
        if (command === 'build') commit = gitCommit(fileURLToPath(config.root));
      },
      'astro:config:done': ({ config }) => {
        if (config.integrations.at(-1)?.name !== NAME) {
          throw new Error(
            `${NAME} must be the last integration in astro.config.mjs: its stamp says every step succeeded.`,
          );
        }
        site = config.site ?? '';
        outDir = fileURLToPath(config.outDir);
      },
      // Before anything is written: the folder stops being deployable until this build succeeds.
      // Not at config:setup, which tools that only read the config run too (knip, through
      // vitest.config.ts's getViteConfig, runs it as a build): they must not unstamp dist/.
      // A build that fails before this point (a note the schema refuses) writes nothing, and
      // dist/ is still the last build that succeeded, stamped with its own commit.
      'astro:build:start': async () => {
        await rm(join(outDir, BUILD_STAMP), { force: true });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const stamp = await writeBuildStamp(fileURLToPath(dir), {
          siteUrl: site,
          commit: await commit,
          warnings: warnings.list().length,
        });
        logger.info(
          `${BUILD_STAMP}: ${stamp.files} files for ${stamp.siteUrl}${stamp.commit ? ` at ${stamp.commit.slice(0, 12)}` : ''}`,
        );
      },
    },
  };
}
