/**
 * The deploy's S3 I/O: list the bucket, upload, copy server-side, read and write
 * release manifests, delete. The decisions are in release.ts and cache-rules.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { CACHE_ERROR_PAGE, contentTypeFor } from './cache-rules.ts';
import { DeployError } from './deploy-error.ts';
import {
  chunk,
  compareKeys,
  ERROR_PAGE,
  LOCK_KEY,
  manifestKey,
  parseManifest,
  releaseKey,
  type PlannedCopy,
  type PlannedUpload,
  type ReleaseManifest,
  type RemoteObject,
} from './release.ts';

export async function listBucket(s3: S3Client, bucket: string): Promise<RemoteObject[]> {
  const objects: RemoteObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (object.Key) objects.push({ key: object.Key, etag: object.ETag, size: object.Size });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

const MANIFEST = /^releases\/[^/]+\.json$/;

/** Every complete release in the bucket (those whose manifest was written), oldest first. */
export async function readReleases(
  s3: S3Client,
  bucket: string,
  remote: readonly RemoteObject[],
): Promise<ReleaseManifest[]> {
  const keys = remote.map((object) => object.key).filter((key) => MANIFEST.test(key));
  const manifests = await Promise.all(
    keys.map(async (key) => {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return parseManifest(await object.Body!.transformToString('utf8'), key);
    }),
  );
  return manifests.sort((a, b) => compareKeys(a.id, b.id));
}

export async function uploadFile(s3: S3Client, bucket: string, dist: string, file: PlannedUpload): Promise<void> {
  const body = await readFile(join(dist, ...file.key.split('/')));
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: file.target,
      Body: body,
      ContentType: file.contentType,
      CacheControl: file.cacheControl,
      // Lets S3 reject a corrupted upload, and makes the ETag the MD5 the next plan compares with.
      ContentMD5: Buffer.from(file.md5, 'hex').toString('base64'),
    }),
  );
}

/** `x-amz-copy-source`: the bucket and the key, each path segment URL-encoded. */
const copySource = (bucket: string, key: string) => `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

/** A server-side copy, with this release's headers (the source may have been stored with older ones). */
export async function copyFile(
  s3: S3Client,
  bucket: string,
  copy: Pick<PlannedCopy, 'source' | 'target' | 'contentType' | 'cacheControl'>,
): Promise<void> {
  await s3.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: copy.target,
      CopySource: copySource(bucket, copy.source),
      MetadataDirective: 'REPLACE',
      ContentType: copy.contentType,
      CacheControl: copy.cacheControl,
    }),
  );
}

export async function writeManifest(s3: S3Client, bucket: string, manifest: ReleaseManifest): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: manifestKey(manifest.id),
      Body: `${JSON.stringify(manifest, null, 1)}\n`,
      ContentType: 'application/json',
      CacheControl: 'no-store',
    }),
  );
}

/** CloudFront fetches `/404.html` for its error responses without the function: keep the live release's there. */
export async function copyErrorPage(s3: S3Client, bucket: string, id: string): Promise<void> {
  await copyFile(s3, bucket, {
    source: releaseKey(id, ERROR_PAGE),
    target: ERROR_PAGE,
    contentType: contentTypeFor(ERROR_PAGE),
    cacheControl: CACHE_ERROR_PAGE,
  });
}

/** Deletes keys in DeleteObjects batches; throws at the first key S3 would not delete. */
export async function deleteKeys(
  s3: S3Client,
  bucket: string,
  keys: readonly string[],
  onDeleted: (keys: string[]) => void = () => {},
): Promise<void> {
  for (const batch of chunk(keys, 1000)) {
    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
    );
    if (result.Errors?.length) {
      throw new DeployError(
        `Deleting old objects failed for ${result.Errors.length} key(s), e.g. ${result.Errors[0].Key}: ${result.Errors[0].Message}.`,
      );
    }
    onDeleted(batch);
  }
}

export interface StoredLock {
  text: string;
  etag?: string;
  written?: Date;
}

/** The deploy lock's text and ETag, or undefined when there is none. */
export async function readLock(s3: S3Client, bucket: string): Promise<StoredLock | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: LOCK_KEY }));
    return { text: await object.Body!.transformToString('utf8'), etag: object.ETag, written: object.LastModified };
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/**
 * Writes the lock only if there is none (`If-None-Match: *`), or, to take over a stale one, only
 * if it is still that one (`If-Match: etag`). False when S3 refused: another deploy got there first.
 */
export async function writeLock(
  s3: S3Client,
  bucket: string,
  text: string,
  condition: { ifNoneMatch: '*' } | { ifMatch: string },
): Promise<boolean> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: LOCK_KEY,
        Body: text,
        ContentType: 'application/json',
        CacheControl: 'no-store',
        ...('ifNoneMatch' in condition ? { IfNoneMatch: '*' } : { IfMatch: condition.ifMatch }),
      }),
    );
    return true;
  } catch (error) {
    // 412: the condition failed; 409: another conditional write to the key at the same moment.
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 412 || status === 409) return false;
    throw error;
  }
}

export async function deleteLock(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: LOCK_KEY }));
}

export function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
