import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeployError } from '../../deploy/deploy-error.ts';
import { runDeploy, scanDist } from '../../deploy/s3-sync.ts';

let root: string;
let dist: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'deploy-run-'));
  dist = join(root, 'dist');
  await mkdir(join(dist, 'notes', 'iam'), { recursive: true });
  await mkdir(join(dist, '_astro'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>top</title>');
  await writeFile(join(dist, 'notes', 'iam', 'index.html'), '<!doctype html><title>IAM</title>');
  await writeFile(join(dist, '_astro', 'app.Ab12Cd34.js'), 'console.log(1)');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scanDist refuses a build it cannot trust', () => {
  it('refuses a missing dist/', async () => {
    await expect(scanDist(join(root, 'nope'))).rejects.toThrow(/No build at .*Run `npm run build`/);
  });

  it('refuses an empty dist/ (empty folders count as empty)', async () => {
    const empty = join(root, 'empty');
    await mkdir(join(empty, 'notes'), { recursive: true });
    await expect(scanDist(empty)).rejects.toThrow(/is empty/);
  });

  it('refuses a build without index.html', async () => {
    const partial = join(root, 'partial');
    await mkdir(join(partial, '_astro'), { recursive: true });
    await writeFile(join(partial, '_astro', 'a.js'), '');
    await expect(scanDist(partial)).rejects.toThrow(/no index\.html/);
  });

  it('lists files with forward-slash keys, sizes and MD5s', async () => {
    expect(await scanDist(dist)).toEqual([
      { key: '_astro/app.Ab12Cd34.js', size: 14, md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { key: 'index.html', size: 33, md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { key: 'notes/iam/index.html', size: 33, md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ]);
  });
});

describe('runDeploy with mocked AWS clients', () => {
  const s3Mock = mockClient(S3Client);
  const cfMock = mockClient(CloudFrontClient);

  beforeEach(() => {
    s3Mock.reset();
    cfMock.reset();
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'notes/gone/index.html', ETag: '"00"', Size: 1 }] });
    s3Mock.on(PutObjectCommand).resolves({});
    s3Mock.on(DeleteObjectsCommand).resolves({});
    cfMock.on(CreateInvalidationCommand).resolves({
      Invalidation: { Id: 'I2J3EXAMPLE', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: undefined },
    });
    cfMock.on(GetInvalidationCommand).resolves({
      Invalidation: { Id: 'I2J3EXAMPLE', Status: 'Completed', CreateTime: new Date(), InvalidationBatch: undefined },
    });
  });

  // The mocked bucket holds one page the build lacks: 1 of 1 pages, a mass delete the guard would
  // refuse, so these runs (about order, not the guard) allow it unless a test says otherwise.
  const run = (extra: { prune?: boolean; dryRun?: boolean; invalidate?: boolean; allowMassDelete?: boolean } = {}) => {
    const events: string[] = [];
    const promise = runDeploy(
      {
        dist,
        bucket: 'site-bucket',
        distributionId: 'EDFDVBD6EXAMPLE',
        allowMassDelete: true,
        ...extra,
        onProgress: (e) => events.push(e.type === 'uploaded' ? `put ${e.key}` : e.type),
      },
      { s3: new S3Client({ region: 'us-east-1' }), cloudFront: new CloudFrontClient({ region: 'us-east-1' }) },
    );
    return { promise, events };
  };

  it('creates exactly one /* invalidation after the uploads, waits for it, and deletes only after that', async () => {
    const { promise, events } = run({ prune: true });
    const report = await promise;
    const create = cfMock.commandCalls(CreateInvalidationCommand);
    expect(create).toHaveLength(1);
    expect(create[0].args[0].input).toMatchObject({
      DistributionId: 'EDFDVBD6EXAMPLE',
      InvalidationBatch: { Paths: { Quantity: 1, Items: ['/*'] }, CallerReference: expect.stringMatching(/^deploy-/) },
    });
    expect(cfMock.commandCalls(GetInvalidationCommand)[0].args[0].input).toEqual({
      DistributionId: 'EDFDVBD6EXAMPLE',
      Id: 'I2J3EXAMPLE',
    });
    expect(report.invalidationId).toBe('I2J3EXAMPLE');
    // Uploads within a phase run in parallel: their order inside the phase is not fixed.
    const htmlPhase = events.slice(3, 5);
    expect(htmlPhase.sort()).toEqual(['put index.html', 'put notes/iam/index.html']);
    expect([...events.slice(0, 3), ...events.slice(5)]).toEqual([
      'phase',
      'put _astro/app.Ab12Cd34.js',
      'phase',
      'invalidation',
      'invalidation',
      'deleted',
    ]);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)[0].args[0].input).toMatchObject({
      Delete: { Objects: [{ Key: 'notes/gone/index.html' }] },
    });
  });

  it('sets Content-Type, Cache-Control and Content-MD5 on each upload', async () => {
    await run().promise;
    const js = s3Mock.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key === '_astro/app.Ab12Cd34.js')!;
    expect(js.args[0].input).toMatchObject({
      Bucket: 'site-bucket',
      ContentType: 'text/javascript; charset=utf-8',
      CacheControl: 'public, max-age=31536000, immutable',
      ContentMD5: expect.stringMatching(/==$/),
    });
    expect(js.args[0].input.ContentEncoding).toBeUndefined();
  });

  it('does not invalidate when nothing changed, unless asked to', async () => {
    const files = await scanDist(dist);
    s3Mock
      .on(ListObjectsV2Command)
      .resolves({ Contents: files.map((f) => ({ Key: f.key, ETag: `"${f.md5}"`, Size: f.size })) });
    expect((await run().promise).invalidationId).toBeUndefined();
    expect(cfMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
    expect((await run({ invalidate: true }).promise).invalidationId).toBe('I2J3EXAMPLE');
  });

  it('a dry run changes nothing', async () => {
    const report = await run({ dryRun: true, prune: true }).promise;
    expect(report.plan.uploadCount).toBe(3);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
    expect(cfMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it('refuses a --prune that would remove most pages before uploading or deleting anything', async () => {
    const error = await run({ prune: true, allowMassDelete: false }).promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toMatch(
      /^Refusing to delete 1 of the site's 1 page\(s\)[\s\S]*\n {2}notes\/gone\/index\.html\n/,
    );
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
    expect(cfMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it('stops at a failed upload: no later phase, no invalidation, no delete', async () => {
    s3Mock.on(PutObjectCommand, { Key: '_astro/app.Ab12Cd34.js' }).rejects(new Error('SlowDown'));
    const error = await run({ prune: true }).promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toMatch(
      /phase "hashed assets".*SlowDown[\s\S]*Nothing was deleted[\s\S]*run the deploy again/,
    );
    expect(s3Mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key)).toEqual(['_astro/app.Ab12Cd34.js']);
    expect(cfMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  it('does not delete when the invalidation fails, and says how to finish', async () => {
    cfMock.on(CreateInvalidationCommand).rejects(new Error('TooManyInvalidationsInProgress'));
    await expect(run({ prune: true }).promise).rejects.toThrow(
      /invalidation .* failed: TooManyInvalidationsInProgress[\s\S]*--invalidate/,
    );
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });
});
