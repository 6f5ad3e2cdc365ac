/**
 * `npm run deploy -- --site-url URL` builds the site for that URL and publishes it: the canonical
 * links, Open Graph URLs and the sitemap on the S3-compatible server all name it. A plain build
 * without SITE_URL still works and says once that it used the placeholder. Two real builds.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3ClientFor } from '../../deploy/deploy.ts';
import { listBucket } from '../../deploy/s3-sync.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverProcess } from '../support/s3rver-process.ts';
import { childEnv } from '../support/child-env.ts';

const BUCKET = 'site-url-test';
const SITE = 'https://notes.example.org/';
const repoRoot = resolve(import.meta.dirname, '../..');

let work: string;
let server: S3rverProcess;
let s3: S3Client;

/** The environment of a clean shell: no SITE_URL of the developer's. */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = childEnv();
  delete env.SITE_URL;
  return env;
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'site-url-e2e-'));
  server = await startS3rver({ directory: join(work, 's3'), bucket: BUCKET });
  s3 = s3ClientFor({ endpoint: server.endpoint }, { credentials: S3RVER_CREDENTIALS });
});

afterAll(async () => {
  s3?.destroy();
  await server?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A file of the live release, as the bucket holds it. */
const text = async (key: string) => {
  const live = JSON.parse(await readFile(join(work, 'kvs.json'), 'utf8')).release;
  return (
    await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `releases/${live}/${key}` }))
  ).Body!.transformToString();
};

describe('canonical URLs name the site the deploy publishes to', () => {
  it('npm run deploy -- --bucket B --endpoint E --site-url URL publishes pages and a sitemap for URL', async () => {
    const started = performance.now();
    const result = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(
        'npm',
        [
          'run',
          'deploy',
          '--',
          '--bucket',
          BUCKET,
          '--endpoint',
          server.endpoint,
          '--site-url',
          'https://notes.example.org',
          '--dist',
          join(work, 'dist'),
        ],
        {
          cwd: repoRoot,
          env: {
            ...cleanEnv(),
            AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
            // The KeyValueStore stand-in that names the live release (an S3-compatible server has none).
            DEPLOY_KVS_FILE: join(work, 'kvs.json'),
          },
        },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => done({ code, output }));
    });
    console.log(`[site-url e2e] build and deploy: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`Site URL: ${SITE} (from --site-url)`);
    expect(result.output).not.toContain('SITE_URL is not set');

    const keys = (await listBucket(s3, BUCKET)).map((o) => o.key);
    const prefix = `releases/${JSON.parse(await readFile(join(work, 'kvs.json'), 'utf8')).release}/`;
    const pages = keys
      .filter((key) => key.startsWith(prefix) && key.endsWith('.html'))
      .map((key) => key.slice(prefix.length));
    expect(pages).toContain('notes/iam/index.html');
    for (const key of pages) {
      const html = await text(key);
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
      const ogUrl = /<meta property="og:url" content="([^"]+)"/.exec(html)?.[1];
      expect(canonical, key).toMatch(/^https:\/\/notes\.example\.org\//);
      expect(ogUrl, key).toBe(canonical);
    }
    expect(/<link rel="canonical" href="([^"]+)"/.exec(await text('notes/iam/index.html'))?.[1]).toBe(
      `${SITE}notes/iam/`,
    );
    const sitemapIndex = await text('sitemap-index.xml');
    const sitemap = await text('sitemap-0.xml');
    const locs = [...`${sitemapIndex}${sitemap}`.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs.length).toBeGreaterThan(10);
    for (const loc of locs) expect(loc).toMatch(/^https:\/\/notes\.example\.org\//);
    expect(await text('robots.txt')).toContain(`Sitemap: ${SITE}sitemap-index.xml`);
    expect(keys.join('\n')).not.toMatch(/aws-memo\.example\.com/);
    for (const key of ['index.html', 'sitemap-0.xml', 'robots.txt']) {
      expect(await text(key)).not.toContain('aws-memo.example.com');
    }
  });

  it('a plain build without SITE_URL works and says once that it uses the placeholder', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      join(repoRoot, 'node_modules/.bin/astro'),
      ['build', '--outDir', join(work, 'plain')],
      { cwd: repoRoot, env: cleanEnv() },
    );
    const notices = `${stdout}${stderr}`.split('\n').filter((line) => line.includes('SITE_URL is not set'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('canonical URLs and the sitemap use https://aws-memo.example.com');
  });
});
