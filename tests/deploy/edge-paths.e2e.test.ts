/**
 * The edge serves nothing outside the live release (issue 26, item 4): real releases published to
 * a real S3-compatible server (s3rver), read through the edge stand-in (the real viewer-request
 * function, fed raw paths as CloudFront gives them, and CloudFront's 404 error response). The
 * bucket holds what a viewer must never get: an unfinished release (uploaded, manifest written,
 * never switched to) and every release's manifest.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ClientFor } from '../../deploy/deploy.ts';
import { fileKeyValueStore, type LiveStore } from '../../deploy/live-store.ts';
import { publish } from '../../deploy/publish.ts';
import { listBucket } from '../../deploy/s3-sync.ts';
import { isContentHashed } from '../../deploy/cache-rules.ts';
import { KVS_KEYS } from '../../infra/functions/viewer-request-source.ts';
import { fileKvs } from '../support/cloudfront-function.ts';
import { edgeFor, type Edge } from '../support/edge.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverProcess } from '../support/s3rver-process.ts';

const page = (build: string, title: string) =>
  `<!doctype html><html lang="ja"><head><link rel="stylesheet" href="/_astro/site.11111111.css"><title>${title}</title></head><body><h1>${title}</h1><p>${build}</p></body></html>`;

const live = {
  'index.html': page('live', 'home'),
  'notes/a/index.html': page('live', 'a'),
  'topics/アクセス制御/index.html': page('live', 'アクセス制御'),
  '404.html': page('live', 'not found'),
  '_astro/site.11111111.css': 'h1{color:#111}',
  'pagefind/pagefind-entry.json': '{"version":"live"}',
};
/** Uploaded with its manifest, but its switch never happened: not for readers yet. */
const unfinished = {
  'index.html': page('unfinished', 'home'),
  'notes/a/index.html': page('unfinished', 'a'),
  'notes/secret/index.html': page('unfinished', 'draft not yet published'),
  '404.html': page('unfinished', 'not found'),
  '_astro/site.11111111.css': live['_astro/site.11111111.css'],
  'pagefind/pagefind-entry.json': '{"version":"unfinished"}',
};

const BUCKET = 'edge-paths';
let work: string;
let server: S3rverProcess;
let s3: S3Client;
let kvsPath: string;
let edge: Edge;
let unfinishedId: string;
let liveId: string;

async function writeSite(name: string, site: Record<string, string>): Promise<string> {
  const dir = join(work, name);
  for (const [key, text] of Object.entries(site)) {
    await mkdir(dirname(join(dir, key)), { recursive: true });
    await writeFile(join(dir, key), text);
  }
  return dir;
}

/** The store as a deploy cut off right before its switch leaves it. */
const cutBeforeSwitch = (store: LiveStore): LiveStore => ({
  name: store.name,
  get: (key) => store.get(key),
  put: async () => {
    throw new Error('connection lost (test)');
  },
  swap: async () => {
    throw new Error('connection lost (test)');
  },
});

/** Every object's text that a viewer must never get: anything outside the live release, except the shared files. */
async function forbiddenBodies(): Promise<Map<string, string>> {
  const forbidden = new Map<string, string>();
  for (const { key } of await listBucket(s3, BUCKET)) {
    if (key.startsWith(`releases/${liveId}/`) || isContentHashed(key) || key === '404.html') continue;
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    forbidden.set(await object.Body!.transformToString('utf8'), key);
  }
  return forbidden;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'edge-paths-'));
  server = await startS3rver({ directory: join(work, 's3'), bucket: BUCKET });
  s3 = s3ClientFor({ endpoint: server.endpoint }, { credentials: S3RVER_CREDENTIALS });
  kvsPath = join(work, 'kvs.json');
  edge = edgeFor({ s3, bucket: BUCKET, kvs: fileKvs(kvsPath) });
});

afterAll(async () => {
  s3?.destroy();
  await server?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the edge serves nothing outside the live release', () => {
  it('with no release live yet: 503 for every page, never the bucket root, a release or a manifest', async () => {
    const store = fileKeyValueStore(kvsPath);
    const cut = await publish(
      { dist: await writeSite('unfinished', unfinished), bucket: BUCKET, now: () => new Date('2026-12-01T00:00:00Z') },
      { s3, store: cutBeforeSwitch(store) },
    ).catch((error: unknown) => error);
    expect(cut).toBeInstanceOf(Error);
    expect(await store.get(KVS_KEYS.release)).toBeUndefined();
    const keys = (await listBucket(s3, BUCKET)).map((object) => object.key);
    unfinishedId = keys.map((key) => /^releases\/([^/]+)\.json$/.exec(key)?.[1]).find(Boolean)!;
    expect(keys).toContain(`releases/${unfinishedId}/notes/secret/index.html`);

    const forbidden = await forbiddenBodies();
    for (const path of [
      '/',
      '/notes/a/',
      '/notes/secret/',
      '/404.html',
      '/pagefind/pagefind-entry.json',
      `/releases/${unfinishedId}.json`,
      `/releases/${unfinishedId}/notes/secret/`,
      `/releases/${unfinishedId}/index.html`,
      `//releases/${unfinishedId}/index.html`,
      `/_astro/../releases/${unfinishedId}.json`,
    ]) {
      const response = await edge.get(path);
      expect.soft({ path, leaked: forbidden.get(response.body) }).toEqual({ path, leaked: undefined });
      expect.soft({ path, status: response.status }).toEqual({ path, status: path.includes('..') ? 400 : 503 });
    }
    // A shared, content-hashed file needs no release: it is the same for all of them.
    expect(await edge.get('/_astro/site.11111111.css')).toMatchObject({ status: 200, body: 'h1{color:#111}' });
  });

  it('with a release live: hostile raw paths get 400 or the 404 page, never another release, a manifest or the root', async () => {
    const store = fileKeyValueStore(kvsPath);
    const report = await publish(
      { dist: await writeSite('live', live), bucket: BUCKET, now: () => new Date('2026-12-02T00:00:00Z') },
      { s3, store },
    );
    liveId = report.plan.id;
    expect(await store.get(KVS_KEYS.release)).toBe(liveId);
    expect((await edge.get('/notes/a/')).body).toBe(live['notes/a/index.html']);

    const forbidden = await forbiddenBodies();
    expect([...forbidden.values()]).toEqual(
      expect.arrayContaining([`releases/${unfinishedId}.json`, `releases/${liveId}.json`]),
    );
    const id = unfinishedId;
    const refused = [
      `/_astro/../releases/${id}/notes/secret/index.html`,
      `/_astro/../releases/${id}.json`,
      `/_astro/../releases/${liveId}.json`,
      `/_astro/%2e%2e/releases/${id}/notes/secret/index.html`,
      `/_astro/%2E%2E/releases/${id}.json`,
      `/_astro/.%2e/releases/${id}.json`,
      `/_astro/%2e./releases/${id}.json`,
      `/_astro/./../releases/${id}.json`,
      `/pagefind/../releases/${id}/notes/secret/index.html`,
      `/pagefind/x/../../releases/${id}.json`,
      `/%2e%2e/releases/${id}.json`,
      `/notes/..%2f..%2freleases/${id}.json`,
      `/_astro%2f..%2freleases/${id}.json`,
      `/_astro/..%2Freleases%2F${id}.json`,
      `/_astro\\..\\releases\\${id}.json`,
      `/_astro/%5c..%5creleases/${id}.json`,
      `/_astro/%252e%252e/releases/${id}.json`,
      `/_astro/%252e%252e%252freleases/${id}.json`,
      '/./',
      '/./index.html',
      '/notes/../',
      '/notes/%2e%2e/index.html',
    ];
    for (const path of refused) {
      const response = await edge.get(path);
      expect.soft({ path, leaked: forbidden.get(response.body) }).toEqual({ path, leaked: undefined });
      expect.soft({ path, status: response.status }).toEqual({ path, status: 400 });
    }
    // Paths into releases/ without a dot segment stay inside the live release, where nothing has
    // such a name: the 404 page.
    for (const path of [
      `/releases/${id}.json`,
      `/releases/${liveId}.json`,
      `/releases/${id}/notes/secret/`,
      `/releases/${id}/index.html`,
      `//releases/${id}/index.html`,
      `/releases/${liveId}/index.html`,
    ]) {
      const response = await edge.get(path);
      expect({ path, status: response.status, body: response.body }).toEqual({
        path,
        status: 404,
        body: live['404.html'],
      });
    }
    // And the site itself still answers, Japanese paths included.
    for (const [path, body] of [
      ['/', live['index.html']],
      ['/notes/a/', live['notes/a/index.html']],
      ['/_astro/site.11111111.css', live['_astro/site.11111111.css']],
      ['/pagefind/pagefind-entry.json', live['pagefind/pagefind-entry.json']],
      [`/topics/${encodeURIComponent('アクセス制御')}/`, live['topics/アクセス制御/index.html']],
    ]) {
      expect({ path, ...(await edge.get(path)) }).toMatchObject({ path, status: 200, body });
    }
  });
});
