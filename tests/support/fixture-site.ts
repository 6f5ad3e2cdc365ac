import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** A site built from test notes instead of the author's: its folder, its build, and the build's log. */
export interface FixtureSite {
  readonly dir: string;
  readonly distDir: string;
  readonly output: string;
}

/**
 * Builds a throwaway site for one test file, much as `tests/build/build-errors.test.ts` does: the
 * real `src/`, `public/` and config, with `content/` made of `files` (path in `content/` → a file
 * to copy). The author's notes and the real `dist/` are untouched. Built before the file's tests
 * (register it before `useSite`, so the build is there when the server starts); removed after.
 */
export function useFixtureSite(name: string, files: Record<string, string>): FixtureSite {
  const dir = join(root, 'tests', '.tmp', `site-${name}`);
  let output: string | undefined;
  beforeAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'content'), { recursive: true });
    // A copy of src/, not a symlink: through a symlink Vite resolves the pages outside the site's
    // root, and Astro then attaches no stylesheet to them (the pages would be built unstyled).
    await cp(join(root, 'src'), join(dir, 'src'), { recursive: true });
    await symlink(join(root, 'public'), join(dir, 'public'));
    await copyFile(join(root, 'astro.config.mjs'), join(dir, 'astro.config.mjs'));
    await copyFile(join(root, 'content', 'intro.mdx'), join(dir, 'content', 'intro.mdx'));
    for (const [path, source] of Object.entries(files)) {
      await mkdir(dirname(join(dir, 'content', path)), { recursive: true });
      await cp(source, join(dir, 'content', path));
    }
    try {
      const { stdout, stderr } = await run('npx', ['astro', 'build', '--root', dir], {
        cwd: root,
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      });
      output = stdout + stderr;
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`The fixture site "${name}" did not build:\n${stdout}${stderr}`, { cause: error });
    }
  }, 300_000);
  afterAll(() => (process.env.KEEP_FIXTURE ? undefined : rm(dir, { recursive: true, force: true })));
  return {
    dir,
    distDir: join(dir, 'dist'),
    get output() {
      if (output === undefined) throw new Error('useFixtureSite(): the site is only built inside tests and hooks');
      return output;
    },
  };
}
