/**
 * A build that fails leaves nothing deployable (issue 26, case 2). A throwaway site whose
 * published note links to a section of a draft: the production build leaves the draft out, so the
 * link is dead and the build fails. Its output must hold no text of the draft, carry no build stamp,
 * and `npm run deploy -- --skip-build` must refuse it. Fixed, the same site builds, is stamped and
 * publishes (the stamp is not uploaded); a file changed after the build is refused. Two real
 * builds, the real CLI, the local S3 server.
 */
import { spawn } from 'node:child_process';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Client } from '@aws-sdk/client-s3';
import { BUILD_STAMP } from '../../deploy/build-stamp.ts';
import { s3ClientFor } from '../../deploy/deploy.ts';
import { listBucket } from '../../deploy/s3-sync.ts';
import { childEnv } from '../support/child-env.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverProcess } from '../support/s3rver-process.ts';
import { projectRoot, throwawaySite, type ThrowawaySite } from '../support/throwaway-site.ts';

const BUCKET = 'stamp-test';
const SITE = 'https://notes.example.org/';

/** What only the draft says: none of it may appear in any page of any build. */
const DRAFT_TEXT = ['下書きだけの題名', 'まだ誰にも見せない説明', '来月の移行手順は未公開'];
const draft = `---
title: "${DRAFT_TEXT[0]}"
description: "${DRAFT_TEXT[1]}"
category: "ネットワーク"
order: 2
published: false
---
## 移行計画

${DRAFT_TEXT[2]}。
`;
const published = (link: string) => `---
title: "公開ノート"
description: "公開されているノート。"
category: "ネットワーク"
order: 1
---
## 概要

${link}を読む。
`;

let site: ThrowawaySite;
let server: S3rverProcess;
let s3: S3Client;
let failed: { ok: boolean; output: string };

const dist = () => join(site.dir, 'dist');

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function deploySkipBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        join(projectRoot, 'deploy/deploy.ts'),
        '--bucket',
        BUCKET,
        '--endpoint',
        server.endpoint,
        '--kvs-file',
        join(site.dir, 'kvs.json'),
        '--dist',
        dist(),
        '--skip-build',
        '--site-url',
        SITE,
      ],
      {
        cwd: projectRoot,
        env: {
          ...childEnv(),
          AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => done({ code, output }));
  });
}

beforeAll(async () => {
  site = await throwawaySite({
    content: { 'notes/open.md': published('[移行計画](/notes/plan/#移行計画)'), 'notes/plan.md': draft },
  });
  server = await startS3rver({ directory: join(site.dir, 's3'), bucket: BUCKET });
  s3 = s3ClientFor({ endpoint: server.endpoint }, { credentials: S3RVER_CREDENTIALS });
  failed = await site.build({ SITE_URL: SITE });
});

afterAll(async () => {
  s3?.destroy();
  await server?.kill();
  await site?.remove();
});

describe('a failed build leaves nothing deployable', () => {
  it('the build fails on the dead link to the draft, and its output has no draft text, no stamp and no sw.js', async () => {
    expect(failed.ok, failed.output).toBe(false);
    expect(failed.output).toContain('/notes/plan/');
    const files = await allFiles(dist());
    expect(files.some((file) => file.endsWith(join('notes', 'open', 'index.html')))).toBe(true);
    expect(
      files.map((file) => file.slice(dist().length + 1)).filter((key) => [BUILD_STAMP, 'sw.js'].includes(key)),
    ).toEqual([]);
    for (const file of files.filter((f) => /\.(html|json|xml|js|txt)$/.test(f))) {
      const text = await readFile(file, 'utf8');
      for (const secret of DRAFT_TEXT) expect(text.includes(secret), `${file}: ${secret}`).toBe(false);
    }
  });

  it('--skip-build refuses it, and the bucket stays empty', async () => {
    const result = await deploySkipBuild();
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain(`has no ${BUILD_STAMP}: the build that made it failed or did not finish`);
    expect(await listBucket(s3, BUCKET)).toEqual([]);
  });

  it('fixed, the site builds, is stamped, and publishes without its stamp; changed afterwards, it is refused', async () => {
    await writeFile(join(site.dir, 'content', 'notes', 'open.md'), published('[概要](/notes/open/#概要)'));
    const built = await site.build({ SITE_URL: SITE });
    expect(built.ok, built.output).toBe(true);
    const stamp = JSON.parse(await readFile(join(dist(), BUILD_STAMP), 'utf8'));
    expect(stamp).toMatchObject({
      version: 1,
      siteUrl: SITE,
      commit: expect.stringMatching(/^[0-9a-f]{40}(-dirty)?$/),
    });

    const deployed = await deploySkipBuild();
    expect(deployed.code, deployed.output).toBe(0);
    expect(deployed.output).toContain(`from ${stamp.commit.slice(0, 12)}`);
    const keys = (await listBucket(s3, BUCKET)).map((o) => o.key);
    expect(keys.some((key) => key.endsWith('/notes/open/index.html'))).toBe(true);
    expect(keys.some((key) => key.endsWith('/sw.js'))).toBe(true);
    expect(keys.filter((key) => key.includes(BUILD_STAMP))).toEqual([]);

    await appendFile(join(dist(), 'notes', 'open', 'index.html'), '<!-- edited after the build -->');
    const changed = await deploySkipBuild();
    expect(changed.code).toBe(1);
    expect(changed.output).toMatch(/changed after it was built .*with other contents\. Nothing was published\./);
    await writeFile(join(dist(), 'extra.html'), '<!doctype html><title>extra</title>');
    const added = await deploySkipBuild();
    expect(added.code).toBe(1);
    expect(added.output).toMatch(/changed after it was built .*: it has \d+ file\(s\), the build made \d+\./);
    expect((await listBucket(s3, BUCKET)).map((o) => o.key)).toEqual(keys);
  }, 240_000);
});
