import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { childEnv } from './child-env.ts';

const run = promisify(execFile);
/** The project: its `src/`, `public/` and config are what a throwaway site builds with. */
export const projectRoot = join(import.meta.dirname, '..', '..');
const tmpRoot = join(projectRoot, 'tests', '.tmp');

export interface ThrowawaySite {
  dir: string;
  /** `astro build`; never throws: `ok` says whether it succeeded. */
  build(env?: Record<string, string>): Promise<{ ok: boolean; output: string }>;
  /** Starts `astro dev` on a free port; resolves with its URL once it answers. */
  dev(): Promise<{ url: string; stop(): Promise<void> }>;
  remove(): Promise<void>;
}

/**
 * A site made of the real `src/`, `public/` and `astro.config.mjs` and the given content folder,
 * in `tests/.tmp/` (inside the project, so its packages resolve). `content` maps paths inside
 * `content/` to their text; `copyContentFrom` copies a whole folder in first (a fixture).
 */
export async function throwawaySite(options: {
  content?: Record<string, string>;
  copyContentFrom?: string;
}): Promise<ThrowawaySite> {
  await mkdir(tmpRoot, { recursive: true });
  const dir = await mkdtemp(join(tmpRoot, 'site-'));
  // Copied, not linked: through a symlinked src/ the build leaves out the layouts' stylesheet.
  await cp(join(projectRoot, 'src'), join(dir, 'src'), { recursive: true });
  await symlink(join(projectRoot, 'public'), join(dir, 'public'));
  await copyFile(join(projectRoot, 'astro.config.mjs'), join(dir, 'astro.config.mjs'));
  if (options.copyContentFrom) await cp(options.copyContentFrom, join(dir, 'content'), { recursive: true });
  for (const [path, text] of Object.entries(options.content ?? {})) {
    await mkdir(dirname(join(dir, 'content', path)), { recursive: true });
    await writeFile(join(dir, 'content', path), text);
  }
  return {
    dir,
    async build(extra) {
      try {
        const { stdout, stderr } = await run('npx', ['astro', 'build', '--root', dir], {
          cwd: projectRoot,
          env: childEnv(extra),
          maxBuffer: 64 * 1024 * 1024,
        });
        return { ok: true, output: stdout + stderr };
      } catch (error) {
        const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
        return { ok: false, output: stdout + stderr };
      }
    },
    async dev() {
      const child: ChildProcess = spawn(
        join(projectRoot, 'node_modules', '.bin', 'astro'),
        ['dev', '--root', dir, '--host', '127.0.0.1', '--port', '0'],
        { cwd: projectRoot, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
      );
      let log = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`astro dev did not start:\n${log}`)), 120_000);
        const onData = (chunk: Buffer) => {
          log += chunk.toString();
          const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(stripVTControlCharacters(log));
          if (found) {
            clearTimeout(timer);
            resolve(found[0]);
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.on('exit', (code) => reject(new Error(`astro dev exited (${code}):\n${log}`)));
      });
      return {
        url,
        stop: async () => {
          if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
          await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
        },
      };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
