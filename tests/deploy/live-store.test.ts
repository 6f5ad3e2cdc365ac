import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { DeployError } from '../../deploy/deploy-error.ts';
import { cloudFrontKeyValueStore, fileKeyValueStore } from '../../deploy/live-store.ts';

const ARN = 'arn:aws:cloudfront::123456789012:key-value-store/a1b2c3d4-5678-90ab-cdef-000000000001';

/** The real SDK client, with a request handler that records each signed request and answers it. */
function recordingClient(answers: Array<{ status: number; body: object; headers?: Record<string, string> }>) {
  const requests: Array<{ method: string; hostname: string; path: string; headers: Record<string, string> }> = [];
  const client = new CloudFrontKeyValueStoreClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: { method: string; hostname: string; path: string; headers: Record<string, string> }) {
        requests.push(request);
        const answer = answers.shift()!;
        return {
          response: {
            statusCode: answer.status,
            headers: { 'content-type': 'application/json', ...answer.headers },
            body: Readable.from([Buffer.from(JSON.stringify(answer.body))]),
          },
        };
      },
    },
  });
  return { client, requests };
}

describe('the CloudFront KeyValueStore', () => {
  it('switches with a SigV4a-signed PutKey that names the store ETag it read (If-Match)', async () => {
    const { client, requests } = recordingClient([
      { status: 200, body: { KvsARN: ARN, ItemCount: 1, TotalSizeInBytes: 10 }, headers: { etag: 'ETAG1' } },
      { status: 200, body: { ItemCount: 1, TotalSizeInBytes: 10 }, headers: { etag: 'ETAG2' } },
    ]);
    await cloudFrontKeyValueStore(ARN, client).put('release', '20261128T120000Z-3f2a9c1b');
    expect(requests.map((r) => `${r.method} ${r.hostname} ${decodeURIComponent(r.path)}`)).toEqual([
      `GET 123456789012.cloudfront-kvs.global.api.aws /key-value-stores/${ARN}`,
      `PUT 123456789012.cloudfront-kvs.global.api.aws /key-value-stores/${ARN}/keys/release`,
    ]);
    expect(requests[1].headers['if-match']).toBe('ETAG1');
    // SigV4a: the pure-JS signer the deploy loads (the SDK refuses without one).
    expect(requests[1].headers.authorization).toMatch(/^AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE\//);
    expect(requests[1].headers['x-amz-region-set']).toBe('*');
  });

  it('reads a key, and a missing key as undefined', async () => {
    const { client } = recordingClient([
      { status: 200, body: { Key: 'release', Value: 'r1', ItemCount: 1, TotalSizeInBytes: 2 } },
      { status: 404, body: { Message: 'not found' }, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' } },
    ]);
    const store = cloudFrontKeyValueStore(ARN, client);
    expect(await store.get('release')).toBe('r1');
    expect(await store.get('release')).toBeUndefined();
  });

  it('swaps the live release only while it is still the expected one, under the ETag read before it', async () => {
    const etag = (value: string) => ({
      status: 200,
      body: { KvsARN: ARN, ItemCount: 1, TotalSizeInBytes: 1 },
      headers: { etag: value },
    });
    const value = (v: string) => ({
      status: 200,
      body: { Key: 'release', Value: v, ItemCount: 1, TotalSizeInBytes: 2 },
    });
    const conflict = { status: 409, body: { Message: 'etag' }, headers: { 'x-amzn-errortype': 'ConflictException' } };
    const put = { status: 200, body: { ItemCount: 1, TotalSizeInBytes: 2 }, headers: { etag: 'E3' } };
    // Another release is live: no write at all.
    const other = recordingClient([etag('E1'), value('r9')]);
    expect(await cloudFrontKeyValueStore(ARN, other.client).swap('release', 'r1', 'r2')).toBe(false);
    expect(other.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    // The store changed between the read and the write (a password was set): read again, then write.
    const raced = recordingClient([etag('E1'), value('r1'), conflict, etag('E2'), value('r1'), put]);
    expect(await cloudFrontKeyValueStore(ARN, raced.client).swap('release', 'r1', 'r2')).toBe(true);
    expect(raced.requests.filter((r) => r.method === 'PUT').map((r) => r.headers['if-match'])).toEqual(['E1', 'E2']);
  });

  it('refuses what is not a KeyValueStore ARN', () => {
    expect(() => cloudFrontKeyValueStore('arn:aws:s3:::bucket')).toThrow(DeployError);
  });
});

describe('the file stand-in', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('reads nothing from a missing file, then keeps what is written, each key apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kvs-'));
    dirs.push(dir);
    const store = fileKeyValueStore(join(dir, 'kvs.json'));
    expect(await store.get('release')).toBeUndefined();
    await store.put('release', 'r1');
    await store.put('auth', 'v1:s:h');
    await store.put('release', 'r2');
    expect(JSON.parse(await readFile(join(dir, 'kvs.json'), 'utf8'))).toEqual({ release: 'r2', auth: 'v1:s:h' });
    expect(await store.get('__proto__')).toBeUndefined();
  });

  it('swaps a key only while it holds the expected value (undefined: none)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kvs-'));
    dirs.push(dir);
    const store = fileKeyValueStore(join(dir, 'kvs.json'));
    expect(await store.swap('release', 'r1', 'r2')).toBe(false);
    expect(await store.swap('release', undefined, 'r1')).toBe(true);
    expect(await store.swap('release', undefined, 'r2')).toBe(false);
    expect(await store.swap('release', 'r1', 'r2')).toBe(true);
    expect(await store.get('release')).toBe('r2');
  });

  it('refuses a file that is not a JSON object', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kvs-'));
    dirs.push(dir);
    await writeFile(join(dir, 'kvs.json'), '[1, 2]');
    await expect(fileKeyValueStore(join(dir, 'kvs.json')).get('release')).rejects.toThrow(/not a JSON object/);
  });
});
