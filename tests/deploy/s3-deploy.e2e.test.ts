/**
 * End to end against a real S3-compatible server (s3rver) on 127.0.0.1, with the real
 * viewer-request function in front (tests/support/edge.ts) reading the KeyValueStore stand-in the
 * deploy writes: deploys the real dist/ that `npm test` builds first, through the same code
 * `npm run deploy` runs. Deploy, change, deploy, roll back, roll forward, keep, prune, private.
 */
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Client } from '@aws-sdk/client-s3';
import { CACHE_IMMUTABLE, CACHE_RELEASE, CACHE_SERVICE_WORKER, ruleFor } from '../../deploy/cache-rules.ts';
import { s3ClientFor } from '../../deploy/deploy.ts';
import { DeployError } from '../../deploy/deploy-error.ts';
import { fileKeyValueStore } from '../../deploy/live-store.ts';
import { publish, type PublishOptions } from '../../deploy/publish.ts';
import { scanDist } from '../../deploy/build-stamp.ts';
import { writeBuildStamp } from '../../src/integrations/build-stamp.ts';
import { listBucket } from '../../deploy/s3-sync.ts';
import { builtSiteUrl } from '../../deploy/site-url.ts';
import { KVS_KEYS } from '../../infra/functions/viewer-request-source.ts';
import { fileKvs } from '../support/cloudfront-function.ts';
import { openLink } from '../support/cuttable-link.ts';
import { assertBuilt, distDir as DIST } from '../support/dist.ts';
import { edgeFor, type Edge } from '../support/edge.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverProcess } from '../support/s3rver-process.ts';
import { childEnv } from '../support/child-env.ts';

const BUCKET = 'study-notes-site';
const repoRoot = resolve(import.meta.dirname, '../..');

let work: string;
let site: string;
let kvsPath: string;
let server: S3rverProcess;
let s3: S3Client;
let edge: Edge;
/** The site URL the build was made for (npm test builds with SITE_URL unset: the placeholder). */
let builtFor: string;

const clientFor = (endpoint: string) =>
  // Two attempts keep the "connection lost" case quick; the SDK default is three.
  s3ClientFor({ endpoint }, { credentials: S3RVER_CREDENTIALS, maxAttempts: 2 });
const store = () => fileKeyValueStore(kvsPath);
const live = () => store().get(KVS_KEYS.release);

const deploy = (options: Partial<PublishOptions> = {}, client = s3) =>
  publish({ dist: site, bucket: BUCKET, concurrency: 4, ...options }, { s3: client, store: store() });

/**
 * Runs the CLI the way `npm run deploy` does, with Node 24 from node_modules, on a copy of the
 * build `npm test` made (--skip-build: building is tested in site-url.e2e.test.ts).
 */
function runCli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'deploy/deploy.ts'), '--bucket', BUCKET, '--kvs-file', kvsPath, ...args],
      {
        cwd: repoRoot,
        env: {
          ...childEnv(),
          AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
          AWS_MAX_ATTEMPTS: '2',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end(input ?? '');
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}
/**
 * The CLI publishes only a stamped, unchanged build (build-stamp.e2e.test.ts): a copy the test
 * edited to stand for a new build gets the stamp that build would have had.
 */
const restamp = (dist: string) => writeBuildStamp(dist, { siteUrl: builtFor });
const publishArgs = (dist = site) => [
  '--endpoint',
  server.endpoint,
  '--dist',
  dist,
  '--skip-build',
  '--site-url',
  builtFor,
];

const urlOf = (key: string) =>
  `/${key.replace(/(^|\/)index\.html$/, '$1')}`.split('/').map(encodeURIComponent).join('/');

/** Every file of the build in `dir`, fetched through the edge, is byte for byte that build's. */
async function expectLiveSiteIs(dir: string) {
  for (const file of await scanDist(dir)) {
    const response = await edge.get(urlOf(file.key));
    expect({ key: file.key, status: response.status }).toEqual({ key: file.key, status: 200 });
    if (/\.(html|json|js|css|xml|txt|svg)$/.test(file.key)) {
      expect(response.body, file.key).toBe(await readFile(join(dir, ...file.key.split('/')), 'utf8'));
    }
  }
}

async function copySite(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(site, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  assertBuilt(); // the real build, with index.html; fails with what to run when it is missing
  builtFor = (await builtSiteUrl(DIST))!;
  work = await mkdtemp(join(tmpdir(), 'deploy-e2e-'));
  site = join(work, 'dist');
  kvsPath = join(work, 'kvs.json');
  // A copy, so the test can change and remove notes without touching the real build.
  await cp(DIST, site, { recursive: true });
  server = await startS3rver({ directory: join(work, 's3'), bucket: BUCKET });
  s3 = clientFor(server.endpoint);
  edge = edgeFor({ s3, bucket: BUCKET, kvs: fileKvs(kvsPath) });
});

afterAll(async () => {
  s3?.destroy();
  await server?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('deploy releases to a real S3-compatible server, served through the real function', () => {
  const ids: string[] = [];
  let original: string;

  it('first run publishes the whole build as a release, makes it live, with the right headers', async () => {
    const local = await scanDist(site);
    const bytes = local.reduce((sum, f) => sum + f.size, 0);
    const started = performance.now();
    const report = await deploy();
    console.log(
      `[deploy e2e] first release: ${report.uploaded.length} objects, ${bytes} bytes in ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
    ids.push(report.plan.id);
    expect(report.switched).toBe(true);
    expect(await live()).toBe(report.plan.id);
    expect(report.uploaded).toHaveLength(local.length);
    expect(report.uploadedBytes).toBe(bytes);

    const objects = new Map((await listBucket(s3, BUCKET)).map((o) => [o.key, o]));
    for (const { key } of local) {
      const shared = ruleFor(key).shared;
      const stored = shared ? key : `releases/${report.plan.id}/${key}`;
      expect(objects.has(stored), stored).toBe(true);
      const response = await edge.get(urlOf(key));
      expect({ key, type: response.headers['content-type'], cache: response.headers['cache-control'] }).toEqual({
        key,
        type: ruleFor(key).contentType,
        cache: shared ? CACHE_IMMUTABLE : key === 'sw.js' ? CACHE_SERVICE_WORKER : CACHE_RELEASE,
      });
      // Independent of the rules table: the properties that matter.
      if (key.endsWith('.html')) expect(response.headers['cache-control'], key).toMatch(/max-age=0, must-revalidate/);
      if (key.startsWith('_astro/')) expect(response.headers['cache-control'], key).toBe(CACHE_IMMUTABLE);
      // The service worker: revalidated by every cache, so readers' browsers see a new release.
      if (key === 'sw.js') expect(response.headers['cache-control'], key).toBe('no-cache');
      if (/\.(pf_\w+|pagefind)$/.test(key))
        expect(response.headers['content-type'], key).toBe('application/octet-stream');
    }
    await expectLiveSiteIs(site);
    original = await readFile(join(site, '404.html'), 'utf8');
    const missing = await edge.get('/notes/no-such-note/');
    expect({ status: missing.status, body: missing.body }).toEqual({ status: 404, body: original });
  });

  it('a re-run through the CLI makes no new release and uploads nothing', async () => {
    const started = performance.now();
    const result = await runCli(publishArgs());
    console.log(`[deploy e2e] unchanged re-run (CLI): ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Plan: this build is release ${ids[0]} already; nothing to upload.`);
    expect(result.stdout).toMatch(new RegExp(`Done in [\\d.]+ s: nothing changed; release ${ids[0]} is live\\.`));
    expect((await listBucket(s3, BUCKET)).filter((o) => /^releases\/[^/]+\.json$/.test(o.key))).toHaveLength(1);
  });

  it('a changed note and a new one linked from the home page: uploads those pages, copies the rest server-side', async () => {
    await appendFile(join(site, 'notes', 'iam', 'index.html'), '\n<!-- edited -->\n');
    await cp(join(site, 'notes', 'vpc'), join(site, 'notes', 'new-note'), { recursive: true });
    const home = await readFile(join(site, 'index.html'), 'utf8');
    await writeFile(join(site, 'index.html'), home.replace('</main>', '<a href="/notes/new-note/">new</a></main>'));
    const started = performance.now();
    const report = await deploy();
    console.log(
      `[deploy e2e] changed release: uploaded ${report.uploaded.join(', ')}; copied ${report.copied} in ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
    ids.push(report.plan.id);
    // The new note has the bytes of notes/vpc/ (a copy), so it is copied server-side like the unchanged files.
    expect(report.uploaded.sort()).toEqual(['index.html', 'notes/iam/index.html']);
    const releaseFiles = (await scanDist(site)).filter((f) => !ruleFor(f.key).shared).length;
    expect(report.copied).toBe(releaseFiles - 2);
    expect(await live()).toBe(ids[1]);
    await expectLiveSiteIs(site);
    expect((await edge.get('/notes/new-note/')).status).toBe(200);
  });

  it('--releases lists both with time, commit, pages and the live one', async () => {
    const result = await runCli(['--endpoint', server.endpoint, '--releases']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/id\s+created \(UTC\)\s+commit\s+pages/);
    expect(lines[1]).toMatch(new RegExp(`^\\* ${ids[1]} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +- +\\d+$`));
    expect(lines[2]).toMatch(new RegExp(`^  ${ids[0]} `));
    expect(Number(lines[1].split(/\s+/).at(-1))).toBe(Number(lines[2].split(/\s+/).at(-1)) + 1);
    expect(lines.at(-1)).toBe('* live');
  });

  it('--rollback makes the previous release live in one step; --rollback-to rolls forward', async () => {
    const back = await runCli(['--endpoint', server.endpoint, '--rollback']);
    expect(back.stderr).toBe('');
    expect(back.stdout).toMatch(new RegExp(`Release ${ids[0]} is live \\(was ${ids[1]}\\), in [\\d.]+ s`));
    console.log(`[deploy e2e] rollback (CLI): ${/in ([\d.]+ s)/.exec(back.stdout)?.[1]}`);
    expect(await live()).toBe(ids[0]);
    expect((await edge.get('/notes/iam/')).body).not.toContain('<!-- edited -->');
    const gone = await edge.get('/notes/new-note/');
    expect({ status: gone.status, body: gone.body }).toEqual({ status: 404, body: original });

    const forward = await runCli(['--endpoint', server.endpoint, '--rollback-to', ids[1]]);
    expect(forward.code).toBe(0);
    expect(await live()).toBe(ids[1]);
    await expectLiveSiteIs(site);

    for (const [args, message] of [
      [['--rollback-to', '20200101T000000Z-00000000'], /There is no release 20200101T000000Z-00000000/],
      [['--rollback-to', 'latest'], /--rollback-to needs a release id/],
    ] as const) {
      const bad = await runCli(['--endpoint', server.endpoint, ...args]);
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toMatch(message);
    }
    expect(await live()).toBe(ids[1]);
  });

  it('a dry run changes nothing', async () => {
    await appendFile(join(site, 'notes', 'vpc', 'index.html'), '\n<!-- dry -->\n');
    const before = await listBucket(s3, BUCKET);
    await restamp(site);
    const result = await runCli([...publishArgs(), '--dry-run', '--prune', '--keep', '1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Would make release .* live[\s\S]*Would delete 1 old release\(s\)[\s\S]*Dry run: nothing was uploaded, switched or deleted\./,
    );
    expect(await listBucket(s3, BUCKET)).toEqual(before);
    expect(await live()).toBe(ids[1]);
  });

  it('keeps the last N releases: older ones, and shared files only they used, go after the switch', async () => {
    const report = await deploy({ keep: 2 });
    ids.push(report.plan.id);
    expect(report.cleanup?.releases).toEqual([ids[0]]);
    const keys = (await listBucket(s3, BUCKET)).map((o) => o.key);
    expect(keys.filter((key) => key.includes(ids[0]))).toEqual([]);
    expect(keys.filter((key) => /^releases\/[^/]+\.json$/.test(key))).toEqual([
      `releases/${ids[1]}.json`,
      `releases/${ids[2]}.json`,
    ]);
    await expectLiveSiteIs(site);
  });

  it('refuses a release that would take down the site: no notes, or over 10% of the pages', async () => {
    const before = await listBucket(s3, BUCKET);
    const empty = await copySite('empty-notes');
    await rm(join(empty, 'notes'), { recursive: true });
    await rm(join(empty, 'topics'), { recursive: true });
    const refused = await deploy({ dist: empty }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeployError);
    const message = (refused as Error).message;
    expect(message).toMatch(/^Refusing to take down \d+ of the site's \d+ page\(s\): the build has no notes/);
    expect(message).toContain('\n  notes/iam/index.html\n');
    expect(message).toMatch(/--allow-mass-delete/);

    const fewer = await copySite('fewer-notes');
    // The note pages' folders (each note's Markdown, notes/<id>.md, sits beside them).
    const notes = (await readdir(join(fewer, 'notes'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const pages = before.filter((o) => o.key.startsWith(`releases/${ids[2]}/`) && o.key.endsWith('.html')).length;
    const removing = notes.slice(0, Math.floor(pages * 0.1) + 1);
    for (const slug of removing) await rm(join(fewer, 'notes', slug), { recursive: true });
    await restamp(fewer);
    const cli = await runCli(publishArgs(fewer));
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/Refusing to take down .* more than 10% of the \d+ pages/);
    expect(await listBucket(s3, BUCKET)).toEqual(before);
    expect(await live()).toBe(ids[2]);

    const allowed = await deploy({ dist: fewer, allowMassDelete: true });
    expect(allowed.switched).toBe(true);
    expect((await edge.get(`/notes/${removing[0]}/`)).status).toBe(404);
    await deploy({ keep: 2 });
    await expectLiveSiteIs(site);
  });

  it('--prune removes what no kept release uses: the old flat layout and unfinished releases', async () => {
    // What the deploy before releases left at the bucket's root, and a release never finished.
    for (const key of [
      'index.html',
      'notes/iam/index.html',
      'robots.txt',
      'releases/20200101T000000Z-00000000/index.html',
    ]) {
      await s3.send(
        new (await import('@aws-sdk/client-s3')).PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'old' }),
      );
    }
    const report = await deploy({ prune: true, keep: 2 });
    expect(report.deleted).toEqual(
      expect.arrayContaining([
        'index.html',
        'notes/iam/index.html',
        'robots.txt',
        'releases/20200101T000000Z-00000000/index.html',
      ]),
    );
    const keys = (await listBucket(s3, BUCKET)).map((o) => o.key);
    expect(keys.filter((key) => !key.startsWith('releases/') && !ruleFor(key).shared)).toEqual(['404.html']);
    await expectLiveSiteIs(site);
  });

  it('a connection lost midway leaves the live release as it was, and the next run completes', async () => {
    const pages = (await scanDist(site)).filter((f) => f.key.endsWith('.html'));
    for (const page of pages) await appendFile(join(site, ...page.key.split('/')), '\n<!-- v3 -->\n');
    const before = await live();
    const link = await openLink(server.endpoint);
    const linkedClient = clientFor(link.endpoint);
    let cut: Promise<void> | undefined;
    const error = await deploy(
      { onProgress: (event) => void (event.type === 'transfer' && event.done === 3 && (cut = link.cut())) },
      linkedClient,
    ).catch((e: unknown) => e);
    await cut;
    linkedClient.destroy();
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toMatch(/The live site is unchanged \(release .*\) and nothing was deleted/);
    expect(await live()).toBe(before);
    expect((await edge.get('/notes/iam/')).body).not.toContain('<!-- v3 -->');

    await restamp(site);
    const cli = await runCli([...publishArgs(), '--endpoint', link.endpoint]);
    expect(cli.code).toBe(1);
    // Its first request, for the deploy lock, fails: nothing is changed.
    expect(cli.stderr).toMatch(
      /Could not take the deploy lock in s3:\/\/study-notes-site: .*Nothing was changed; check the connection and credentials/,
    );

    // The cut deploy could not give its lock back either. A later run from another process on this
    // machine takes it over once this one has ended; this process still runs, so it is broken here.
    const refused = await deploy().catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/^Another deploy is running on s3:\/\/study-notes-site: a deploy on /);
    const unlock = await runCli(['--endpoint', server.endpoint, '--force-unlock']);
    expect(unlock.stdout).toContain(`Removed the deploy lock of a deploy on ${hostname()} (pid ${process.pid})`);

    const rerun = await deploy();
    console.log(
      `[deploy e2e] after the lost connection: re-run uploaded ${rerun.uploaded.length} of ${pages.length} changed pages`,
    );
    expect(rerun.uploaded.length).toBeLessThan(pages.length);
    await expectLiveSiteIs(site);
  });

  it('a private site: --set-password from standard input, then 401 without it, for pages, assets and the 404 page', async () => {
    const weak = await runCli(['--endpoint', server.endpoint, '--set-password'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim()).toBe('The password must be at least 12 characters long.');
    const set = await runCli(
      ['--endpoint', server.endpoint, '--set-password', '--user', '読者'],
      '正しい馬の電池のホッチキス\n',
    );
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('Password set for user "読者"');
    const record = JSON.parse(await readFile(kvsPath, 'utf8'))[KVS_KEYS.auth];
    expect(record).toMatch(/^v1:[0-9a-f]{32}:[0-9a-f]{64}$/);
    expect(record).not.toContain('正しい');

    const privateEdge = edgeFor({ s3, bucket: BUCKET, kvs: fileKvs(kvsPath), private: true });
    const asset = (await scanDist(site)).find((f) => f.key.startsWith('_astro/'))!.key;
    for (const path of ['/', '/notes/iam/', `/${asset}`, '/notes/no-such-note/', '/404.html']) {
      const anonymous = await privateEdge.get(path);
      expect({ path, status: anonymous.status, body: anonymous.body }).toEqual({ path, status: 401, body: '' });
      expect(anonymous.headers['www-authenticate']).toBe('Basic realm="aws-memo", charset="UTF-8"');
      const wrong = await privateEdge.get(path, {
        authorization: `Basic ${Buffer.from('読者:wrong').toString('base64')}`,
      });
      expect(wrong.status).toBe(401);
    }
    const authorization = `Basic ${Buffer.from('読者:正しい馬の電池のホッチキス').toString('base64')}`;
    expect((await privateEdge.get('/notes/iam/', { authorization })).status).toBe(200);
    const missing = await privateEdge.get('/notes/no-such-note/', { authorization });
    expect({ status: missing.status, body: missing.body }).toEqual({
      status: 404,
      body: await readFile(join(site, '404.html'), 'utf8'),
    });
  });
});
