/**
 * `.ci/run` serves the site with tools/serve-check.sh and must stop only the server it started
 * (by its process group), never another `astro preview` running on the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../support/dist.ts';

const root = join(import.meta.dirname, '..', '..');
const astro = join(root, 'node_modules', '.bin', 'astro');
const script = join(root, 'tools', 'serve-check.sh');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/`)).ok;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 5; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

function serveCheck(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn('bash', [script, ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

let bystander: ChildProcess;
let bystanderPort: number;

beforeAll(async () => {
  assertBuilt();
  bystanderPort = await freePort();
  // Another preview on the machine, in its own process group like any other user's server.
  // --ignore-lock: Astro 7 lets one tracked preview run per project; this one stays out of the lock file.
  bystander = spawn(astro, ['preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(bystanderPort)], {
    cwd: root,
    detached: true,
    stdio: 'ignore',
  });
  expect(await waitFor(() => answers(bystanderPort), 60)).toBe(true);
});

afterAll(() => {
  // Stop the bystander by its own process group id, the same way the script does.
  if (bystander?.pid) process.kill(-bystander.pid, 'SIGTERM');
});

describe('tools/serve-check.sh', () => {
  it('stops the astro preview it started, children included, and leaves another astro preview running', async () => {
    const port = await freePort();
    const log = join(root, 'tests', '.tmp', `serve-check-${port}.log`);
    // `; true` keeps bash as the parent, so the server is a grandchild the stop must still reach.
    const result = await serveCheck([
      `http://127.0.0.1:${port}/`,
      '<html lang="ja"',
      log,
      '--',
      'bash',
      '-c',
      `mkdir -p tests/.tmp; ${astro} preview --host 127.0.0.1 --port ${port}; true`,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Served the built site on http://127.0.0.1:${port}/`);
    expect(await answers(port)).toBe(false);
    expect(bystander.exitCode).toBeNull();
    expect(await answers(bystanderPort)).toBe(true);
  });

  it('fails with the log when nothing is served, and still stops what it started', async () => {
    const port = await freePort();
    const log = join(root, 'tests', '.tmp', `serve-check-${port}.log`);
    const started = Date.now();
    const result = await serveCheck(
      [`http://127.0.0.1:${port}/`, 'never', log, '--', 'bash', '-c', 'echo still starting; sleep 60; true'],
      { SERVE_CHECK_TRIES: '2' },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The site was not served on http:\/\/127\.0\.0\.1:\d+\/:\nstill starting/);
    // The 60 s sleep was stopped with its group, not waited for.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await answers(bystanderPort)).toBe(true);
  });
});
