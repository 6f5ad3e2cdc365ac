/**
 * Two deploys at once, and cleanup after a rollback (issue 26, cases 1 and 3), against the local
 * S3 server (s3rver) and the real viewer-request function reading the KeyValueStore stand-in.
 * A deploy is paused with its release and manifest uploaded, right before its switch
 * (`pauseAtSwitch`), while a second one runs through the real CLI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3ClientFor } from '../../deploy/deploy.ts';
import { DeployError } from '../../deploy/deploy-error.ts';
import { credentialRecord } from '../../deploy/password.ts';
import { fileKeyValueStore } from '../../deploy/live-store.ts';
import { LOCK_KEY, type DeployLock } from '../../deploy/lock.ts';
import { publish, rollback } from '../../deploy/publish.ts';
import { listBucket } from '../../deploy/s3-sync.ts';
import { writeBuildStamp } from '../../src/integrations/build-stamp.ts';
import { KVS_KEYS } from '../../infra/functions/viewer-request-source.ts';
import { childEnv } from '../support/child-env.ts';
import { fileKvs } from '../support/cloudfront-function.ts';
import { edgeFor } from '../support/edge.ts';
import { pauseAtSwitch } from '../support/interrupt.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverProcess } from '../support/s3rver-process.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const COMMIT_B = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';

let work: string;
let server: S3rverProcess;
let s3: S3Client;

/** Build `n` of a small site: a home page, two notes, a 404 page and a stylesheet, all naming `n`. */
const version = (n: number): Record<string, string> => {
  const page = (title: string) =>
    `<!doctype html><html lang="ja"><head><link rel="stylesheet" href="/_astro/site.${n}0000000.css"><title>${title}</title></head><body>build v${n}</body></html>`;
  return {
    'index.html': page('home'),
    'notes/a/index.html': page('a'),
    'notes/b/index.html': page('b'),
    '404.html': page('not found'),
    [`_astro/site.${n}0000000.css`]: `body{--v:${n}}`,
  };
};

/** Writes build `n` as a stamped build folder, as `astro build` leaves it. */
async function build(n: number): Promise<string> {
  const dir = join(work, `v${n}`);
  for (const [key, text] of Object.entries(version(n))) {
    await mkdir(dirname(join(dir, key)), { recursive: true });
    await writeFile(join(dir, key), text);
  }
  await writeBuildStamp(dir, { siteUrl: 'https://notes.example.org/', commit: `${n}`.repeat(40) });
  return dir;
}

async function bucket(name: string) {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  const kvs = join(work, `${name}.json`);
  return {
    name,
    store: fileKeyValueStore(kvs),
    edge: edgeFor({ s3, bucket: name, kvs: fileKvs(kvs) }),
    keys: async () => (await listBucket(s3, name)).map((o) => o.key),
  };
}

/** `npm run deploy` as a separate process on the same machine; `input` is its standard input. */
function cli(bucketName: string, args: string[], input?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'deploy/deploy.ts'),
        '--bucket',
        bucketName,
        '--endpoint',
        server.endpoint,
        '--kvs-file',
        join(work, `${bucketName}.json`),
        ...args,
      ],
      {
        cwd: repoRoot,
        env: {
          ...childEnv(),
          AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
        },
      },
    );
    if (input !== undefined) child.stdin.end(input);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => done({ code, output }));
  });
}

/** Every page of build `n` answers 200 with that build's text through the edge. */
async function expectLive(edge: ReturnType<typeof edgeFor>, n: number) {
  for (const path of ['/', '/notes/a/', '/notes/b/']) {
    const response = await edge.get(path);
    expect({ path, status: response.status, build: /build v(\d+)/.exec(response.body)?.[1] }).toEqual({
      path,
      status: 200,
      build: `${n}`,
    });
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'deploy-lock-'));
  server = await startS3rver({ directory: join(work, 's3'), bucket: 'unused' });
  s3 = s3ClientFor({ endpoint: server.endpoint }, { credentials: S3RVER_CREDENTIALS });
});

afterAll(async () => {
  s3?.destroy();
  await server?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('two deploys at once', () => {
  it('the second stops while the first holds the lock, naming it (host, commit, start time), and changes nothing', async () => {
    const b = await bucket('concurrent');
    const [v1, v2, v3] = [await build(1), await build(2), await build(3)];
    await publish({ dist: v1, bucket: b.name, now: () => new Date('2026-11-01T00:00:00Z') }, { s3, store: b.store });

    // The lock is taken with a conditional write, which S3 makes exclusive.
    const lockHeaders: Record<string, string>[] = [];
    const client = s3ClientFor({ endpoint: server.endpoint }, { credentials: S3RVER_CREDENTIALS });
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { method: string; path: string; headers: Record<string, string> };
        if (request.method === 'PUT' && request.path.endsWith(`/${LOCK_KEY}`)) lockHeaders.push(request.headers);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordLockWrites' },
    );
    const pause = pauseAtSwitch(b.store);
    const started = new Date();
    const first = publish(
      { dist: v2, bucket: b.name, commit: COMMIT_B, now: () => new Date('2026-11-02T00:00:00Z') },
      { s3: client, store: pause.store },
    );
    await pause.reached;
    expect(lockHeaders.map((headers) => headers['if-none-match'])).toEqual(['*']);

    const before = await b.keys();
    const second = await cli(b.name, ['--dist', v3, '--skip-build', '--keep', '1']);
    expect(second.code, second.output).toBe(1);
    const named = new RegExp(
      `Another deploy is running on s3://${b.name}: a deploy on ${hostname()} \\(pid ${process.pid}\\), ` +
        `commit ${COMMIT_B.slice(0, 12)}, started (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) UTC \\(0 min ago\\)`,
    ).exec(second.output);
    expect(named, second.output).not.toBeNull();
    const at = Date.parse(`${named![1].replace(' ', 'T')}Z`);
    expect(at).toBeGreaterThanOrEqual(Math.floor(started.getTime() / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(second.output).toContain('npm run deploy -- --force-unlock');
    expect(await b.keys()).toEqual(before);
    await expectLive(b.edge, 1);

    pause.resume();
    const report = await first;
    expect(report.switched).toBe(true);
    await expectLive(b.edge, 2);
    expect(await b.keys()).not.toContain(LOCK_KEY);
    client.destroy();
  });

  it('a deploy whose lock was broken cannot make its deleted release live: the site never answers 404', async () => {
    const b = await bucket('broken-lock');
    const [v1, v2, v3] = [await build(1), await build(2), await build(3)];
    await publish({ dist: v1, bucket: b.name, now: () => new Date('2026-11-01T00:00:00Z') }, { s3, store: b.store });
    const pause = pauseAtSwitch(b.store);
    const first = publish(
      { dist: v2, bucket: b.name, now: () => new Date('2026-11-02T00:00:00Z') },
      { s3, store: pause.store },
    ).catch((error: unknown) => error);
    await pause.reached;

    const unlock = await cli(b.name, ['--force-unlock']);
    expect(unlock.code, unlock.output).toBe(0);
    expect(unlock.output).toContain(`Removed the deploy lock of a deploy on ${hostname()} (pid ${process.pid})`);
    // The second deploy goes live and, with --keep 1, deletes the first one's complete release.
    const second = await cli(b.name, ['--dist', v3, '--skip-build', '--keep', '1']);
    expect(second.code, second.output).toBe(0);
    expect((await b.keys()).filter((key) => key.startsWith('releases/20261102'))).toEqual([]);
    await expectLive(b.edge, 3);

    pause.resume();
    const error = await first;
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toMatch(/^Not switching: the live release changed while this deploy ran/);
    await expectLive(b.edge, 3);
  });

  it.each([
    [
      'taken over when it is over an hour old',
      { host: 'ci-runner-7', pid: 4242, minutesAgo: 61 },
      /its deploy has not rewritten it for over an hour/,
    ],
    [
      'taken over when its process on this machine has ended',
      { host: hostname(), pid: 0, minutesAgo: 1 },
      /not running/,
    ],
    ['refused when it is another machine’s and recent', { host: 'ci-runner-7', pid: 4242, minutesAgo: 59 }, null],
  ])('a lock left behind is %s', async (_name, left, takeover) => {
    const b = await bucket(`left-${left.minutesAgo}-${left.pid}`);
    const pid = left.pid || deadPid();
    const lock = {
      version: 1,
      token: 'left-behind',
      host: left.host,
      pid,
      action: 'deploy',
      started: new Date(Date.now() - left.minutesAgo * 60_000).toISOString(),
    };
    await s3.send(new PutObjectCommand({ Bucket: b.name, Key: LOCK_KEY, Body: JSON.stringify(lock) }));
    const lines: string[] = [];
    const outcome = await publish(
      { dist: await build(1), bucket: b.name, log: (line) => lines.push(line) },
      { s3, store: b.store },
    ).catch((error: unknown) => error);
    if (takeover) {
      expect(outcome).not.toBeInstanceOf(Error);
      expect(lines.join('\n')).toMatch(
        new RegExp(`Took over the deploy lock of a deploy on ${left.host} \\(pid ${pid}\\)`),
      );
      expect(lines.join('\n')).toMatch(takeover);
      await expectLive(b.edge, 1);
      expect(await b.keys()).not.toContain(LOCK_KEY);
    } else {
      expect(outcome).toBeInstanceOf(DeployError);
      expect((outcome as Error).message).toContain(`a deploy on ci-runner-7 (pid 4242)`);
      expect((outcome as Error).message).toContain('(59 min ago)');
      expect(await b.keys()).toEqual([LOCK_KEY]);
    }
  });
});

describe('a long deploy', () => {
  it('rewrites its lock while it runs (same lock, a newer refresh time), and stops when it is done', async () => {
    const b = await bucket('long-deploy');
    const pause = pauseAtSwitch(b.store);
    const running = publish(
      { dist: await build(1), bucket: b.name, commit: COMMIT_B, lockRefreshMs: 100 },
      { s3, store: pause.store },
    );
    await pause.reached;
    // s3rver writes an object in place, so a read during a refresh may see half of it: read again.
    const lockNow = async (): Promise<DeployLock> => {
      for (let attempt = 0; ; attempt++) {
        const object = await s3.send(new GetObjectCommand({ Bucket: b.name, Key: LOCK_KEY }));
        const text = await object.Body!.transformToString();
        try {
          return JSON.parse(text);
        } catch (error) {
          if (attempt === 5) throw error;
        }
      }
    };
    const first = await lockNow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const later = await lockNow();
    expect(later).toMatchObject({ token: first.token, host: hostname(), pid: process.pid, started: first.started });
    expect(Date.parse(later.refreshed!)).toBeGreaterThan(Date.parse(first.refreshed ?? first.started));
    expect(Date.now() - Date.parse(later.refreshed!)).toBeLessThan(1000);

    pause.resume();
    expect((await running).switched).toBe(true);
    // Given back, and not written again by a refresh after that.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await b.keys()).not.toContain(LOCK_KEY);
    await expectLive(b.edge, 1);
  });
});

describe('--set-password', () => {
  const PASSWORD = 'correct horse battery';

  it('is refused while a deploy holds the lock, and leaves the password as it was', async () => {
    const b = await bucket('password-locked');
    const lock = {
      version: 1,
      token: 'running',
      host: 'ci-runner-7',
      pid: 4242,
      action: 'deploy',
      started: new Date().toISOString(),
    };
    await s3.send(new PutObjectCommand({ Bucket: b.name, Key: LOCK_KEY, Body: JSON.stringify(lock) }));
    const refused = await cli(b.name, ['--set-password'], `${PASSWORD}\n`);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain(
      `Another deploy is running on s3://${b.name}: a deploy on ci-runner-7 (pid 4242), started`,
    );
    expect(await b.store.get(KVS_KEYS.auth)).toBeUndefined();
    expect(await b.keys()).toEqual([LOCK_KEY]);
  });

  it('otherwise sets it holding the lock, and gives the lock back', async () => {
    const b = await bucket('password-free');
    const set = await cli(b.name, ['--set-password'], `${PASSWORD}\n`);
    expect(set.code, set.output).toBe(0);
    expect(set.output).toContain('Password set for user "reader"');
    const record = (await b.store.get(KVS_KEYS.auth))!;
    expect(record).toBe(credentialRecord('reader', PASSWORD, record.split(':')[1]));
    expect(await b.keys()).toEqual([]);
  });
});

/** The id of a process of this machine that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('cleanup after a rollback', () => {
  it('R1…R5, --rollback, then R6 with --prune --keep 2: R4 is kept and the next --rollback goes back to it, not to R5', async () => {
    const b = await bucket('rollback-cleanup');
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const report = await publish(
        { dist: await build(n), bucket: b.name, now: () => new Date(`2026-11-0${n}T00:00:00Z`) },
        { s3, store: b.store },
      );
      ids.push(report.plan.id);
    }
    // R5 is bad: back to R4.
    expect((await rollback({ bucket: b.name }, { s3, store: b.store })).to).toBe(ids[3]);
    await expectLive(b.edge, 4);

    const sixth = await publish(
      { dist: await build(6), bucket: b.name, keep: 2, prune: true, now: () => new Date('2026-11-06T00:00:00Z') },
      { s3, store: b.store },
    );
    expect(sixth.previous).toBe(ids[3]);
    const manifests = (await b.keys()).filter((key) => /^releases\/[^/]+\.json$/.test(key));
    expect(manifests).toEqual([`releases/${ids[3]}.json`, `releases/${sixth.plan.id}.json`]);

    const back = await rollback({ bucket: b.name }, { s3, store: b.store });
    expect(back).toMatchObject({ from: sixth.plan.id, to: ids[3], switched: true });
    expect(await b.store.get(KVS_KEYS.release)).toBe(ids[3]);
    await expectLive(b.edge, 4);
  });
});
