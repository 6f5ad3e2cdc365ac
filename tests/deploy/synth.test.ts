/** `cdk synth` through the real CDK CLI: offline, no credentials, no lookups, no version check or telemetry. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { cdkEnv } from '../../deploy/deploy.ts';
import { SITE_STACK, STACK_OUTPUTS } from '../../infra/stack-outputs.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

async function synth(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const home = await mkdtemp(join(tmpdir(), 'synth-home-'));
  const out = join(home, 'cdk.out');
  // Only what a clean machine has: no AWS_* variables, an empty HOME (no ~/.aws), Node 24 first on PATH.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|CDK_|DEPLOY_)/.test(name)),
  );
  Object.assign(env, cdkEnv, extraEnv, {
    HOME: home,
    PATH: [dirname(process.execPath), join(repoRoot, 'node_modules/.bin'), env.PATH].join(delimiter),
  });
  const started = performance.now();
  const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(
      join(repoRoot, 'node_modules/.bin/cdk'),
      ['synth', '--no-notices', '--quiet', '--output', out, ...args],
      { cwd: repoRoot, env },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (exitCode) => done({ code: exitCode, output }));
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const template = async (stack: string) => JSON.parse(await readFile(join(out, `${stack}.template.json`), 'utf8'));
  const manifest = code === 0 ? JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) : undefined;
  return { code, output, seconds, template, manifest, cleanup: () => rm(home, { recursive: true, force: true }) };
}

const types = (template: { Resources: Record<string, { Type: string }> }) =>
  Object.values(template.Resources).map((r) => r.Type);

it('cdk synth works offline with no AWS credentials or config', async () => {
  const run = await synth([]);
  try {
    console.log(`[synth] cdk synth took ${run.seconds} s`);
    expect(run.code, run.output).toBe(0);
    const template = await run.template(SITE_STACK);
    // The outputs npm run deploy reads, under the names it reads them by; the deploy role's only with --github-repo.
    expect(Object.keys(template.Outputs).sort()).toEqual(
      Object.values(STACK_OUTPUTS)
        .filter((name) => name !== STACK_OUTPUTS.deployRoleArn)
        .sort(),
    );
    expect(types(template)).toEqual(
      expect.arrayContaining(['AWS::CloudFront::Distribution', 'AWS::CloudFront::KeyValueStore']),
    );
    expect(run.output).not.toMatch(/newer version|telemetry/i);
    // No context lookups: nothing was missing, nothing cached.
    expect(run.manifest.missing).toBeUndefined();
    expect(existsSync(join(repoRoot, 'cdk.context.json'))).toBe(false);
  } finally {
    await run.cleanup();
  }
});

it('cdk synth with a custom domain, a deploy role and a private site: still offline, two stacks', async () => {
  const run = await synth(
    [
      '--context',
      'domain=notes.example.org',
      '--context',
      'hostedZoneId=Z0123456789ABCDEFGHIJ',
      '--context',
      'hostedZoneName=example.org',
      '--context',
      'githubRepo=aws-memo/notes',
      '--context',
      'private=true',
    ],
    // The stack's region (the certificate's is us-east-1), as `aws configure` or CI would give it.
    { AWS_REGION: 'ap-northeast-1' },
  );
  try {
    console.log(`[synth] cdk synth with a custom domain took ${run.seconds} s`);
    expect(run.code, run.output).toBe(0);
    expect(run.manifest.missing).toBeUndefined();
    const certificate = await run.template(`${SITE_STACK}Certificate`);
    expect(types(certificate)).toContain('AWS::CertificateManager::Certificate');
    expect(run.manifest.artifacts[`${SITE_STACK}Certificate`].environment).toMatch(/\/us-east-1$/);
    expect(run.manifest.artifacts[SITE_STACK].environment).toMatch(/\/ap-northeast-1$/);
    const site = await run.template(SITE_STACK);
    expect(Object.keys(site.Outputs).sort()).toEqual(Object.values(STACK_OUTPUTS).sort());
    expect(types(site).filter((type) => type === 'AWS::Route53::RecordSet')).toHaveLength(2);
    expect(types(site)).toEqual(expect.arrayContaining(['AWS::IAM::Role', 'AWS::IAM::OIDCProvider']));
    expect(JSON.stringify(site)).toContain('var PRIVATE = true;');
  } finally {
    await run.cleanup();
  }
});

it('cdk synth names the stacks after --context stack=NAME (a second site beside the first)', async () => {
  const run = await synth(['--context', 'stack=StagingNotes']);
  try {
    expect(run.code, run.output).toBe(0);
    expect(
      Object.keys(run.manifest.artifacts).filter(
        (id) => run.manifest.artifacts[id].type === 'aws:cloudformation:stack',
      ),
    ).toEqual(['StagingNotes']);
    expect(Object.keys((await run.template('StagingNotes')).Outputs)).toContain(STACK_OUTPUTS.bucket);
  } finally {
    await run.cleanup();
  }
});

it('cdk synth refuses a stack name CloudFormation would refuse, in one line', async () => {
  const run = await synth(['--context', 'stack=notes_site']);
  try {
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/Stack name "notes_site" is not one CloudFormation accepts/);
  } finally {
    await run.cleanup();
  }
});

it('cdk synth refuses bad settings in one line', async () => {
  const run = await synth(['--context', 'domain=notes.example.org']);
  try {
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/A custom domain needs --hosted-zone-id and --hosted-zone-name/);
  } finally {
    await run.cleanup();
  }
});
