/** The GitHub Actions deploy workflow, parsed as YAML: what it must do and must not. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFlags } from '../../deploy/config.ts';

const path = join(import.meta.dirname, '..', '..', '.github', 'workflows', 'deploy.yml');
const text = readFileSync(path, 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const workflow = parse(text) as {
  on: { push: { branches: string[] } };
  concurrency: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; permissions?: unknown }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const index = (match: (step: Step) => boolean) => steps.findIndex(match);

describe('.github/workflows/deploy.yml', () => {
  it('runs on push to main only, one deploy at a time, never cancelling one midway', () => {
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.concurrency.group).toBeTruthy();
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    expect(Object.keys(workflow.jobs)).toHaveLength(1);
  });

  it('keeps the OIDC subject the deploy role trusts (repo:owner/name:ref:refs/heads/main)', () => {
    // A job `environment` would make the token's subject `repo:…:environment:NAME`, which the role refuses.
    expect(Object.values(workflow.jobs).every((job) => !('environment' in job))).toBe(true);
  });

  it('may mint an OIDC token and read the code, nothing more', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(Object.values(workflow.jobs).every((job) => job.permissions === undefined)).toBe(true);
  });

  it('restores Astro’s build cache and Node’s compile cache after npm ci (which empties node_modules/) and before the deploy builds', () => {
    const install = index((s) => s.run?.trim() === 'npm ci');
    const cache = index((s) => s.uses?.startsWith('actions/cache@') === true);
    const deploy = index((s) => /^npm run deploy\b/.test(s.run?.trim() ?? ''));
    expect(install).toBeLessThan(cache);
    expect(cache).toBeLessThan(deploy);
    const kept = String(steps[cache].with?.path).trim().split('\n');
    expect(kept).toContain('node_modules/.astro');
    // Node's compiled modules, in the folder the deploy step names (Astro's CLI turns the cache on only outside CI).
    const compileCache = steps[deploy].env?.NODE_COMPILE_CACHE;
    expect(compileCache).toBe('${{ github.workspace }}/node_modules/.cache/node-compile');
    expect(kept).toContain('node_modules/.cache/node-compile');
    // A new key per commit (so each deploy saves its cache), restored from the newest of the same lockfile.
    expect(steps[cache].with?.key).toMatch(/hashFiles\('package-lock\.json'\).*github\.sha/);
    expect(String(steps[cache].with?.['restore-keys'])).toContain("hashFiles('package-lock.json')");
  });

  it('installs with npm ci, assumes the deploy role, then runs npm run deploy, in that order', () => {
    const checkout = index((s) => s.uses?.startsWith('actions/checkout@') === true);
    const install = index((s) => s.run?.trim() === 'npm ci');
    const credentials = index((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') === true);
    const deploy = index((s) => /^npm run deploy\b/.test(s.run?.trim() ?? ''));
    expect([checkout, install, credentials, deploy].every((i) => i >= 0)).toBe(true);
    expect(checkout).toBeLessThan(install);
    expect(install).toBeLessThan(credentials);
    expect(credentials).toBeLessThan(deploy);
    // Full history: the build dates notes from git.
    expect(steps[checkout].with?.['fetch-depth']).toBe(0);
    expect(steps[credentials].with).toMatchObject({
      'role-to-assume': '${{ vars.DEPLOY_ROLE_ARN }}',
      'aws-region': '${{ vars.AWS_REGION }}',
    });
  });

  it('uses no long-lived keys and no stack change', () => {
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|secrets\./);
    const deploy = steps.find((s) => /^npm run deploy\b/.test(s.run?.trim() ?? ''))!;
    // The role may not run CloudFormation: the deploy must be told its bucket and store, so it skips cdk deploy.
    const flags = parseFlags(deploy.run!.trim().split(/\s+/).slice(4), {
      DEPLOY_BUCKET: 'b',
      DEPLOY_KVS_ARN: 'arn:aws:cloudfront::123456789012:key-value-store/a1b2c3d4-5678-90ab-cdef-000000000001',
    });
    expect(flags.bucket).toBe('b');
    expect(Object.keys(deploy.env ?? {}).sort()).toEqual([
      'DEPLOY_BUCKET',
      'DEPLOY_DISTRIBUTION_ID',
      'DEPLOY_KVS_ARN',
      'NODE_COMPILE_CACHE',
      'SITE_URL',
    ]);
    expect(flags.skipBuild).toBe(false); // it builds, so a bad note fails the deploy
  });
});
