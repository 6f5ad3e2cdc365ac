import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..', '..');

/**
 * Builds a throwaway site whose notes are the files of `tests/fixtures/<fixture>/` (the real
 * `src/`, `public/` and config; the real site's notes and output are left alone), the way
 * `tests/build/build-errors.test.ts` does. Returns the site's folder; its build is in `dist/`.
 */
export async function buildFixtureSite(fixture: string): Promise<{ dir: string; dist: string; output: string }> {
  const tmpRoot = join(root, 'tests', '.tmp');
  await mkdir(tmpRoot, { recursive: true });
  const dir = await mkdtemp(join(tmpRoot, `${fixture}-`));
  // Copied, not linked: through a symlinked src/ the build leaves out the layouts' stylesheet.
  await cp(join(root, 'src'), join(dir, 'src'), { recursive: true });
  await symlink(join(root, 'public'), join(dir, 'public'));
  await copyFile(join(root, 'astro.config.mjs'), join(dir, 'astro.config.mjs'));
  await mkdir(join(dir, 'content'), { recursive: true });
  await copyFile(join(root, 'content', 'intro.mdx'), join(dir, 'content', 'intro.mdx'));
  await cp(join(root, 'tests', 'fixtures', fixture), join(dir, 'content', 'notes'), { recursive: true });
  const { stdout, stderr } = await promisify(execFile)('npx', ['astro', 'build', '--root', dir], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return { dir, dist: join(dir, 'dist'), output: stdout + stderr };
}
