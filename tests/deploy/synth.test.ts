/** `cdk synth` through the real CDK CLI: offline, no credentials, no version check or telemetry. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { cdkEnv } from '../../deploy/deploy.ts';
import { DEFAULT_STACK } from '../../deploy/config.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

it('cdk synth works offline with no AWS credentials or config', async () => {
  const home = await mkdtemp(join(tmpdir(), 'synth-home-'));
  const out = join(home, 'cdk.out');
  // Only what a clean machine has: no AWS_* variables, an empty HOME (no ~/.aws), Node 24 first on PATH.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|CDK_)/.test(name)),
  );
  Object.assign(env, cdkEnv, {
    HOME: home,
    PATH: [dirname(process.execPath), join(repoRoot, 'node_modules/.bin'), env.PATH].join(delimiter),
  });
  try {
    const started = performance.now();
    const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(
        join(repoRoot, 'node_modules/.bin/cdk'),
        ['synth', '--no-notices', '--quiet', '--output', out],
        { cwd: repoRoot, env },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (exitCode) => done({ code: exitCode, output }));
    });
    console.log(`[synth] cdk synth took ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(code, output).toBe(0);
    const template = JSON.parse(await readFile(join(out, `${DEFAULT_STACK}.template.json`), 'utf8'));
    expect(Object.values(template.Resources).map((r) => (r as { Type: string }).Type)).toContain(
      'AWS::CloudFront::Distribution',
    );
    expect(output).not.toMatch(/newer version|telemetry/i);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
