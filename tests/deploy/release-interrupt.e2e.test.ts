/**
 * A deploy stopped at any point leaves the live site exactly as it was, or, once the switch is
 * made, exactly the new release: against a real S3-compatible server (s3rver), the real
 * viewer-request function and the KeyValueStore stand-in the deploy writes. A small site, so every
 * point of a deploy is tried: each upload, copy, the manifest, the switch, the 404 copy, and the
 * deletion of the release beyond --keep. At each, every live page answers from one release only
 * and every internal link on it resolves (issue 9: never a live page linking to a page not up yet).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { s3ClientFor } from '../../deploy/deploy.ts';
import { DeployError } from '../../deploy/deploy-error.ts';
import { fileKeyValueStore } from '../../deploy/live-store.ts';
import { publish } from '../../deploy/publish.ts';
import { listBucket } from '../../deploy/s3-sync.ts';
import { KVS_KEYS } from '../../infra/functions/viewer-request-source.ts';
import { fileKvs } from '../support/cloudfront-function.ts';
import { edgeFor } from '../support/edge.ts';
import { interrupter } from '../support/interrupt.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverProcess } from '../support/s3rver-process.ts';

type Site = Record<string, string>;

const page = (build: string, title: string, links: string[], css: string) =>
  `<!doctype html><html lang="ja"><head><link rel="stylesheet" href="/_astro/${css}"><title>${title}</title></head>` +
  `<body><h1>${title}</h1><p>build ${build}</p>${links.map((href) => `<a href="${href}">${href}</a>`).join('')}</body></html>`;

/** v1: a home page and two notes. */
const v1: Site = {
  'index.html': page('v1', 'home', ['/notes/a/', '/notes/b/'], 'site.11111111.css'),
  'notes/a/index.html': page('v1', 'a', ['/', '/notes/b/'], 'site.11111111.css'),
  'notes/b/index.html': page('v1', 'b', ['/', '/notes/a/'], 'site.11111111.css'),
  '404.html': page('v1', 'not found', ['/'], 'site.11111111.css'),
  '_astro/site.11111111.css': 'h1{color:#111}',
  'pagefind/pagefind-entry.json': '{"version":"v1"}',
};
/** v2: a new note the home page and note a link to, a new stylesheet, a new 404 page. */
const v2: Site = {
  'index.html': page('v2', 'home', ['/notes/a/', '/notes/b/', '/notes/c/'], 'site.22222222.css'),
  'notes/a/index.html': page('v2', 'a', ['/', '/notes/b/', '/notes/c/'], 'site.22222222.css'),
  'notes/b/index.html': v1['notes/b/index.html'],
  'notes/c/index.html': page('v2', 'c', ['/', '/notes/a/'], 'site.22222222.css'),
  '404.html': page('v2', 'not found', ['/', '/notes/c/'], 'site.22222222.css'),
  '_astro/site.22222222.css': 'h1{color:#222}',
  // Note b did not change, so it still names the old stylesheet, which the build still has.
  '_astro/site.11111111.css': v1['_astro/site.11111111.css'],
  'pagefind/pagefind-entry.json': v1['pagefind/pagefind-entry.json'],
};
/** v0: an older release, which --keep 1 deletes (v1, live before the deploy of v2, is kept for --rollback). */
const v0: Site = { ...v1, 'index.html': page('v0', 'home', ['/notes/a/', '/notes/b/'], 'site.11111111.css') };
const builds = { v1, v2 };

let work: string;
let server: S3rverProcess;

async function writeSite(name: string, site: Site): Promise<string> {
  const dir = join(work, name);
  for (const [key, text] of Object.entries(site)) {
    await mkdir(dirname(join(dir, key)), { recursive: true });
    await writeFile(join(dir, key), text);
  }
  return dir;
}

const urlOf = (key: string) => `/${key.replace(/(^|\/)index\.html$/, '$1')}`;
const linksOf = (html: string) => [...html.matchAll(/(?:href)="(\/[^"]*)"/g)].map((m) => m[1]);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'release-interrupt-'));
  server = await startS3rver({ directory: join(work, 's3'), bucket: 'unused' });
});

afterAll(async () => {
  await server?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a deploy interrupted at any point', () => {
  it('leaves every live URL answering from one release, with every internal link resolving', async () => {
    const dist0 = await writeSite('v0', v0);
    const dist1 = await writeSite('v1', v1);
    const dist2 = await writeSite('v2', v2);
    const results: string[] = [];
    let completed = false;
    let steps = 0;
    for (let failFrom = 0; !completed; failFrom++) {
      if (failFrom >= 40) throw new Error(`never got through:\n${results.join('\n')}`); // the loop ends when a deploy gets through
      const bucket = `interrupt-${failFrom}`;
      const kvsPath = join(work, `kvs-${failFrom}.json`);
      const s3 = s3ClientFor({ endpoint: server.endpoint }, { credentials: S3RVER_CREDENTIALS });
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      const store = fileKeyValueStore(kvsPath);
      // v1 is live, with an older release before it so that --keep 1 has something to delete.
      const zero = await publish({ dist: dist0, bucket, now: () => new Date('2026-10-31T00:00:00Z') }, { s3, store });
      const first = await publish({ dist: dist1, bucket, now: () => new Date('2026-11-01T00:00:00Z') }, { s3, store });
      const release1 = first.plan.id;

      // The interrupted run has its own client: the lost connection is its, not the checks'. The
      // SDK's retries stay on (s3rver's DeleteObjects sometimes fails once on a race of its own);
      // the interruption is thrown before the retry step, so it is never retried.
      const cutS3 = s3ClientFor({ endpoint: server.endpoint }, { credentials: S3RVER_CREDENTIALS });
      const cut = interrupter(cutS3, failFrom);
      const outcome = await publish(
        { dist: dist2, bucket, keep: 1, now: () => new Date('2026-11-02T00:00:00Z'), concurrency: 1 },
        { s3: cutS3, store: cut.wrapStore(store) },
      ).catch((error: unknown) => error);
      cutS3.destroy();
      completed = !(outcome instanceof Error);
      if (!completed) expect(outcome).toBeInstanceOf(DeployError);
      steps = Math.max(steps, cut.done.length);

      // What a reader gets now, through the real function and the KeyValueStore the deploy wrote.
      const edge = edgeFor({ s3, bucket, kvs: fileKvs(kvsPath) });
      const liveId = await store.get(KVS_KEYS.release);
      const expected = liveId === release1 ? 'v1' : 'v2';
      const site = builds[expected];
      results.push(
        `${failFrom}: ${cut.done.at(-1) ?? 'nothing'} → ${expected}${completed ? '' : ` (${(outcome as Error).message.split('\n')[0]})`}`,
      );
      for (const [key, text] of Object.entries(site)) {
        const response = await edge.get(urlOf(key));
        expect({ failFrom, key, status: response.status }).toEqual({ failFrom, key, status: 200 });
        // Exactly this release's file: no page, stylesheet or search file from the other build.
        expect(response.body, `${failFrom}: ${key}`).toBe(text);
        if (key.endsWith('.html')) {
          for (const href of linksOf(text)) {
            expect({ failFrom, from: key, href, status: (await edge.get(href)).status }).toEqual({
              failFrom,
              from: key,
              href,
              status: 200,
            });
          }
        }
      }
      // A missing page answers 404 with a release's 404 page: the live one's once the deploy has
      // finished (between the switch and the 404 copy it is still the previous one's).
      const missing = await edge.get('/notes/missing/');
      expect(missing.status).toBe(404);
      expect([v1['404.html'], v2['404.html']]).toContain(missing.body);
      if (completed) expect(missing.body).toBe(v2['404.html']);

      // The next full run finishes what was left, reusing what is there.
      if (!completed) {
        const rerun = await publish(
          { dist: dist2, bucket, keep: 1, now: () => new Date('2026-11-02T00:00:05Z') },
          { s3, store },
        );
        expect(await store.get(KVS_KEYS.release)).toBe(rerun.plan.id);
        expect((await edge.get('/notes/missing/')).body).toBe(v2['404.html']);
        expect((await edge.get('/notes/c/')).body).toBe(v2['notes/c/index.html']);
        // Release 0 was deleted only after the switch, and is gone now (--keep 1); release 1, live
        // before this deploy, stays for --rollback.
        const keys = (await listBucket(s3, bucket)).map((o) => o.key);
        expect(keys.filter((key) => key.includes(zero.plan.id))).toEqual([]);
        expect(keys, `${failFrom}`).toContain(`releases/${release1}.json`);
        expect(keys).toContain('_astro/site.11111111.css'); // still used by note b
      }
      s3.destroy();
    }
    console.log(
      `[release interrupt] ${results.length - 1} interruption points, then a full run:\n  ${results.join('\n  ')}`,
    );
    // Every kind of step was interrupted: uploads, copies, the manifest, the switch, the 404 copy, the deletion.
    const all = results.join('\n');
    for (const step of [
      'Put deploy.lock',
      'Put _astro/',
      'Copy releases/',
      'Put releases/20261102T000000Z',
      'Switch release=',
      'Copy 404.html',
      'Delete',
    ]) {
      expect(all).toContain(step);
    }
    expect(steps).toBeGreaterThan(8);
  });

  it('publishes in order: the lock, shared files, release files, manifest, switch, 404 copy, then deletions', async () => {
    const dist0 = await writeSite('order-v0', v0);
    const dist1 = await writeSite('order-v1', v1);
    const dist2 = await writeSite('order-v2', v2);
    const s3 = s3ClientFor({ endpoint: server.endpoint }, { credentials: S3RVER_CREDENTIALS });
    await s3.send(new CreateBucketCommand({ Bucket: 'order' }));
    const store = fileKeyValueStore(join(work, 'kvs-order.json'));
    await publish({ dist: dist0, bucket: 'order', now: () => new Date('2026-10-31T00:00:00Z') }, { s3, store });
    await publish({ dist: dist1, bucket: 'order', now: () => new Date('2026-11-01T00:00:00Z') }, { s3, store });
    const record = interrupter(s3);
    const report = await publish(
      { dist: dist2, bucket: 'order', keep: 1, now: () => new Date('2026-11-02T00:00:00Z') },
      { s3, store: record.wrapStore(store) },
    );
    const id = report.plan.id;
    const kinds = record.done.map((step) =>
      step === 'Put deploy.lock'
        ? 'lock'
        : step.startsWith('Put _astro/')
          ? 'shared'
          : step.startsWith(`Put releases/${id}/`) || step.startsWith(`Copy releases/${id}/`)
            ? 'release'
            : step === `Put releases/${id}.json`
              ? 'manifest'
              : step.startsWith('Switch')
                ? 'switch'
                : step === 'Copy 404.html'
                  ? '404'
                  : step.startsWith('Delete')
                    ? 'delete'
                    : step,
    );
    // Collapse runs: the order of the kinds is what matters (within a kind, requests run in parallel).
    expect(kinds.filter((kind, i) => kind !== kinds[i - 1])).toEqual([
      'lock',
      'shared',
      'release',
      'manifest',
      'switch',
      '404',
      'delete',
    ]);
    expect(report.uploaded.sort()).toEqual([
      '404.html',
      '_astro/site.22222222.css',
      'index.html',
      'notes/a/index.html',
      'notes/c/index.html',
    ]);
    expect(report.copied).toBe(2); // notes/b and the unchanged search entry, server-side
    expect(JSON.parse(await readFile(join(work, 'kvs-order.json'), 'utf8'))).toEqual({ release: id });
    s3.destroy();
  });
});
