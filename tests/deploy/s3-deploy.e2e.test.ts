/**
 * End to end against a real S3-compatible server (s3rver) on 127.0.0.1: deploys the real dist/
 * that `npm test` builds first, through the same code `npm run deploy` runs.
 */
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CACHE_HTML, CACHE_IMMUTABLE, ruleFor } from '../../deploy/cache-rules.ts';
import { s3ClientFor } from '../../deploy/deploy.ts';
import { DeployError } from '../../deploy/deploy-error.ts';
import { etagMatches } from '../../deploy/plan.ts';
import { builtSiteUrl } from '../../deploy/site-url.ts';
import { listBucket, runDeploy, scanDist, type DeployOptions } from '../../deploy/s3-sync.ts';
import { assertBuilt, distDir as DIST } from '../support/dist.ts';
import { openLink } from '../support/cuttable-link.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverProcess } from '../support/s3rver-process.ts';

const BUCKET = 'study-notes-site';
const repoRoot = resolve(import.meta.dirname, '../..');

let work: string;
let site: string;
let data: string;
let server: S3rverProcess;
let s3: S3Client;
/** The site URL the build was made for (npm test builds with SITE_URL unset: the placeholder). */
let builtFor: string;

const clientFor = (endpoint: string) =>
  // Two attempts keep the "connection lost" case quick; the SDK default is three.
  s3ClientFor({ endpoint }, { credentials: S3RVER_CREDENTIALS, maxAttempts: 2 });

const deploy = (options: Partial<DeployOptions> = {}, client = s3) =>
  runDeploy({ dist: site, bucket: BUCKET, concurrency: 4, ...options }, { s3: client });

async function startServer() {
  server = await startS3rver({ directory: data, bucket: BUCKET });
  s3 = clientFor(server.endpoint);
}

/**
 * Runs the CLI the way `npm run deploy` does, with Node 24 from node_modules, on the copy of the
 * build `npm test` made (--skip-build: building is tested in site-url.e2e.test.ts).
 */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'deploy/deploy.ts'), '--skip-build', '--site-url', builtFor, ...args],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
          AWS_MAX_ATTEMPTS: '2',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

async function expectBucketMatches(dir: string) {
  const local = await scanDist(dir);
  const remote = new Map((await listBucket(s3, BUCKET)).map((o) => [o.key, o]));
  expect([...remote.keys()].sort()).toEqual(local.map((f) => f.key));
  for (const file of local) expect(etagMatches(remote.get(file.key)!.etag, file.md5), file.key).toBe(true);
}

beforeAll(async () => {
  assertBuilt(); // the real build, with index.html; fails with what to run when it is missing
  builtFor = (await builtSiteUrl(DIST))!;
  work = await mkdtemp(join(tmpdir(), 'deploy-e2e-'));
  site = join(work, 'dist');
  data = join(work, 's3');
  // A copy, so the test can change and remove notes without touching the real build.
  await cp(DIST, site, { recursive: true });
  await startServer();
});

afterAll(async () => {
  s3?.destroy();
  await server?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('deploy to a real S3-compatible server', () => {
  let localCount = 0;

  it('first run uploads the whole build with the right Content-Type and Cache-Control', async () => {
    const local = await scanDist(site);
    localCount = local.length;
    const started = performance.now();
    const report = await deploy();
    const seconds = (performance.now() - started) / 1000;
    const bytes = local.reduce((sum, f) => sum + f.size, 0);
    console.log(`[deploy e2e] first run: ${report.uploaded.length} objects, ${bytes} bytes in ${seconds.toFixed(2)} s`);

    expect(report.uploaded).toHaveLength(local.length);
    expect(report.uploadedBytes).toBe(bytes);
    // Phase order held: every hashed asset went up before any HTML.
    const firstHtml = report.uploaded.findIndex((key) => key.endsWith('.html'));
    const lastHashed = report.uploaded.findLastIndex((key) => ruleFor(key).phase === 0);
    expect(lastHashed).toBeLessThan(firstHtml);
    await expectBucketMatches(site);

    for (const { key } of local) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      const rule = ruleFor(key);
      expect({ key, type: head.ContentType, cache: head.CacheControl }).toEqual({
        key,
        type: rule.contentType,
        cache: rule.cacheControl,
      });
      // Independent of the rules table: the properties the issue asks for.
      if (key.endsWith('.html')) expect(head.CacheControl, key).toBe(CACHE_HTML);
      if (key.startsWith('_astro/')) expect(head.CacheControl, key).toBe(CACHE_IMMUTABLE);
      if (/\.(pf_\w+|pagefind)$/.test(key)) {
        expect(head.ContentType, key).toBe('application/octet-stream');
        expect(head.ContentEncoding, key).toBeUndefined();
      }
      if (key.endsWith('.wasm')) expect(head.ContentType, key).toBe('application/wasm');
    }
  });

  it('second run, through the CLI, uploads nothing', async () => {
    const started = performance.now();
    const result = await runCli(['--bucket', BUCKET, '--endpoint', server.endpoint, '--dist', site]);
    console.log(`[deploy e2e] second run (CLI): ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(result.stderr).not.toMatch(/failed/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Plan: upload 0 file(s), 0 B; ${localCount} unchanged; 0 stale`);
    expect(result.stdout).toMatch(/uploaded 0 file\(s\)/);
    expect(result.stdout).toMatch(/Done in [\d.]+ s/);
  });

  it('a changed note uploads only its page', async () => {
    await appendFile(join(site, 'notes', 'iam', 'index.html'), '\n<!-- edited -->\n');
    const report = await deploy();
    console.log(`[deploy e2e] changed note: ${report.uploaded.length} upload(s): ${report.uploaded.join(', ')}`);
    expect(report.uploaded).toEqual(['notes/iam/index.html']);
    await expectBucketMatches(site);
  });

  it('a removed note stays in the bucket until --prune, which deletes it last', async () => {
    const notes = (await readdir(join(site, 'notes'))).filter((slug) => slug !== 'iam');
    const removed = `notes/${notes[0]}/index.html`;
    await rm(join(site, 'notes', notes[0]), { recursive: true });

    const kept = await deploy();
    expect(kept.uploaded).toEqual([]);
    expect(kept.deleted).toEqual([]);
    expect(kept.plan.stale).toEqual([removed]);
    expect((await listBucket(s3, BUCKET)).map((o) => o.key)).toContain(removed);

    const pruned = await deploy({ prune: true });
    console.log(`[deploy e2e] prune: deleted ${pruned.deleted.join(', ')}`);
    expect(pruned.uploaded).toEqual([]);
    expect(pruned.deleted).toEqual([removed]);
    await expectBucketMatches(site);
  });

  it('--prune refuses to wipe the site: a build with no notes, or one removing over 10% of the pages', async () => {
    const before = await listBucket(s3, BUCKET);
    const livePages = before.filter((o) => o.key.endsWith('.html')).length;

    // What a build from an empty content/notes/ looks like: no note or topic pages.
    const empty = join(work, 'empty-notes');
    await cp(site, empty, { recursive: true });
    await rm(join(empty, 'notes'), { recursive: true });
    await rm(join(empty, 'topics'), { recursive: true });
    const refused = await deploy({ dist: empty, prune: true }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeployError);
    const message = (refused as Error).message;
    expect(message).toMatch(/^Refusing to delete \d+ of the site's \d+ page\(s\): the build has no notes/);
    for (const key of before.map((o) => o.key).filter((key) => key.startsWith('notes/'))) {
      expect(message).toContain(`\n  ${key}\n`);
    }
    expect(message).toMatch(/--prune --allow-mass-delete/);

    // Over 10%: the site minus enough notes.
    const fewer = join(work, 'fewer-notes');
    await cp(site, fewer, { recursive: true });
    const notes = (await readdir(join(fewer, 'notes'))).sort();
    const removing = notes.slice(0, Math.floor(livePages * 0.1) + 1);
    for (const slug of removing) await rm(join(fewer, 'notes', slug), { recursive: true });
    await expect(deploy({ dist: fewer, prune: true })).rejects.toThrow(/more than 10% of the \d+ pages/);
    // The CLI says the same in one refusal and exits 1.
    const cli = await runCli(['--bucket', BUCKET, '--endpoint', server.endpoint, '--dist', fewer, '--prune']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/Refusing to delete/);

    // Nothing was uploaded or deleted by any refusal.
    const after = await listBucket(s3, BUCKET);
    expect(after).toEqual(before);

    // Said explicitly, it goes ahead; then the full site goes back up.
    const allowed = await deploy({ dist: fewer, prune: true, allowMassDelete: true });
    expect(allowed.deleted.sort()).toEqual(removing.map((slug) => `notes/${slug}/index.html`).sort());
    await deploy({ prune: true });
    await expectBucketMatches(site);
  });

  it('a connection lost midway leaves nothing deleted, and the next run completes', async () => {
    // Something to prune, and many pages to upload so the cut lands mid-run.
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'notes/stale/index.html', Body: 'old', ContentType: 'text/html' }),
    );
    const local = await scanDist(site);
    const pages = local.filter((f) => f.key.endsWith('.html'));
    for (const page of pages) await appendFile(join(site, ...page.key.split('/')), '\n<!-- v2 -->\n');

    const link = await openLink(server.endpoint);
    const linkedClient = clientFor(link.endpoint);
    let cut: Promise<void> | undefined;
    const error = await deploy(
      {
        prune: true,
        onProgress: (event) => {
          if (event.type === 'uploaded' && event.done === 3) cut = link.cut();
        },
      },
      linkedClient,
    ).catch((e: unknown) => e);
    await cut;
    linkedClient.destroy();
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toMatch(/Nothing was deleted[\s\S]*run the deploy again/);

    // The CLI says the same and exits non-zero while the server is unreachable.
    const cli = await runCli(['--bucket', BUCKET, '--endpoint', link.endpoint, '--dist', site, '--prune']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/Could not list s3:\/\/study-notes-site.*Check the bucket name, region and credentials/);

    // The network is back: the server is reached directly.
    const after = new Map((await listBucket(s3, BUCKET)).map((o) => [o.key, o]));
    expect(after.has('notes/stale/index.html')).toBe(true);
    expect([...after.keys()]).toEqual(expect.arrayContaining(local.map((f) => f.key)));
    const pending = pages.filter((page) => !etagMatches(after.get(page.key)?.etag, page.md5));
    expect(pending.length).toBeGreaterThan(0);

    const rerun = await deploy({ prune: true });
    console.log(
      `[deploy e2e] after the lost connection: re-run uploaded ${rerun.uploaded.length} of ${pages.length} changed pages, deleted ${rerun.deleted.length}`,
    );
    expect(rerun.uploaded.length).toBeLessThan(pages.length);
    expect(rerun.deleted).toEqual(['notes/stale/index.html']);
    await expectBucketMatches(site);
    expect((await deploy({ prune: true })).plan.uploadCount).toBe(0);
  });
});
