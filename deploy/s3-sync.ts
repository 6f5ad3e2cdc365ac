/**
 * The deploy's I/O: read dist/, list the bucket, upload in phase order, invalidate CloudFront,
 * delete stale objects last. The decisions are in plan.ts and cache-rules.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateInvalidationCommand,
  waitUntilInvalidationCompleted,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront';
import { PHASES } from './cache-rules.ts';
import { DeployError } from './deploy-error.ts';
import { formatMassDelete, massDelete } from './mass-delete.ts';
import {
  compareKeys,
  formatPlan,
  planDeploy,
  type LocalFile,
  type Plan,
  type PlannedUpload,
  type RemoteObject,
} from './plan.ts';

export { DeployError };

/** Refuses a missing or empty build, or one without index.html, before anything talks to AWS. */
export async function scanDist(dir: string): Promise<LocalFile[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new DeployError(`No build at ${dir}. Run \`npm run build\` first, then deploy again.`);
  }
  const files: LocalFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const body = await readFile(path);
        files.push({
          key: relative(dir, path).split(sep).join('/'),
          size: body.length,
          md5: createHash('md5').update(body).digest('hex'),
        });
      }
    }
  };
  await walk(dir);
  if (files.length === 0) {
    throw new DeployError(
      `The build at ${dir} is empty. Run \`npm run build\` and check it succeeded, then deploy again.`,
    );
  }
  if (!files.some((file) => file.key === 'index.html')) {
    throw new DeployError(
      `The build at ${dir} has no index.html, so it is not a complete site. Run \`npm run build\` and check it succeeded, then deploy again.`,
    );
  }
  return files.sort((a, b) => compareKeys(a.key, b.key));
}

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

export type ProgressEvent =
  | { type: 'phase'; phase: number; name: string; files: number; bytes: number }
  | { type: 'uploaded'; key: string; phase: number; done: number; total: number; doneBytes: number; totalBytes: number }
  | { type: 'invalidation'; id: string; status: 'created' | 'completed' }
  | { type: 'deleted'; keys: string[] };

export interface DeployOptions {
  dist: string;
  bucket: string;
  distributionId?: string;
  dryRun?: boolean;
  prune?: boolean;
  /** Let --prune remove more than 10% of the pages, or pages when the build has no notes. */
  allowMassDelete?: boolean;
  force?: boolean;
  /** Invalidate /* even when nothing changed, e.g. after an earlier run's invalidation failed. */
  invalidate?: boolean;
  concurrency?: number;
  /** Longest wait for the CloudFront invalidation, in seconds. */
  invalidationWaitSeconds?: number;
  log?: (line: string) => void;
  onProgress?: (event: ProgressEvent) => void;
}

export interface DeployClients {
  s3: S3Client;
  cloudFront?: CloudFrontClient;
}

export interface DeployReport {
  plan: Plan;
  uploaded: string[];
  uploadedBytes: number;
  deleted: string[];
  invalidationId?: string;
  dryRun: boolean;
}

/** Runs tasks with at most `limit` in flight; after the first failure starts no more and rethrows it. */
async function runPool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failure ??= error ?? new Error('upload failed');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}

export async function uploadFile(s3: S3Client, bucket: string, dist: string, file: PlannedUpload): Promise<void> {
  const body = await readFile(join(dist, ...file.key.split('/')));
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: file.key,
      Body: body,
      ContentType: file.contentType,
      CacheControl: file.cacheControl,
      // Lets S3 reject a corrupted upload, and makes the ETag the MD5 the next plan compares with.
      ContentMD5: Buffer.from(file.md5, 'hex').toString('base64'),
    }),
  );
}

export async function invalidateAll(
  cloudFront: CloudFrontClient,
  distributionId: string,
  waitSeconds: number,
  onCreated?: (id: string) => void,
): Promise<string> {
  const created = await cloudFront.send(
    new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: {
        CallerReference: `deploy-${Date.now()}-${randomUUID()}`,
        Paths: { Quantity: 1, Items: ['/*'] },
      },
    }),
  );
  const id = created.Invalidation?.Id;
  if (!id) throw new DeployError('CloudFront did not return an invalidation id.');
  onCreated?.(id);
  await waitUntilInvalidationCompleted(
    { client: cloudFront, maxWaitTime: waitSeconds, minDelay: 5, maxDelay: 30 },
    { DistributionId: distributionId, Id: id },
  );
  return id;
}

/**
 * Plans, prints the plan, uploads phase by phase, invalidates once (if anything changed) and waits,
 * then deletes stale objects only when pruning. Any failure throws before the delete step, so the
 * bucket only ever gains files; running again converges because the plan skips what is there.
 */
export async function runDeploy(options: DeployOptions, clients: DeployClients): Promise<DeployReport> {
  const { dist, bucket, distributionId, dryRun = false, prune = false, force = false, concurrency = 8 } = options;
  const log = options.log ?? (() => {});
  const progress = options.onProgress ?? (() => {});

  const local = await scanDist(dist);
  const remote = await listBucket(clients.s3, bucket).catch((error: unknown) => {
    throw new DeployError(
      `Could not list s3://${bucket}: ${describe(error)}. Check the bucket name, region and credentials.`,
    );
  });
  const plan = planDeploy(local, remote, { prune, force });
  log(formatPlan(plan, { prune }));
  // Before anything is uploaded: a build that would wipe the site is refused whole.
  const risk =
    prune && !options.allowMassDelete
      ? massDelete(
          local.map((f) => f.key),
          remote.map((o) => o.key),
          plan.stale,
        )
      : undefined;
  if (risk) throw new DeployError(formatMassDelete(risk, 'delete', '--prune --allow-mass-delete'));
  const report: DeployReport = { plan, uploaded: [], uploadedBytes: 0, deleted: [], dryRun };
  if (dryRun) {
    log('Dry run: nothing was uploaded, invalidated or deleted.');
    return report;
  }

  let done = 0;
  for (const [phase, uploads] of plan.phases.entries()) {
    if (!uploads.length) continue;
    progress({
      type: 'phase',
      phase,
      name: PHASES[phase],
      files: uploads.length,
      bytes: uploads.reduce((s, f) => s + f.size, 0),
    });
    try {
      await runPool(uploads, concurrency, async (file) => {
        await uploadFile(clients.s3, bucket, dist, file);
        report.uploaded.push(file.key);
        report.uploadedBytes += file.size;
        done += 1;
        progress({
          type: 'uploaded',
          key: file.key,
          phase,
          done,
          total: plan.uploadCount,
          doneBytes: report.uploadedBytes,
          totalBytes: plan.uploadBytes,
        });
      });
    } catch (error) {
      throw new DeployError(
        `Upload failed in phase "${PHASES[phase]}" after ${report.uploaded.length} of ${plan.uploadCount} file(s): ${describe(error)}.\n` +
          'Nothing was deleted and the site still serves complete pages. Fix the cause and run the deploy again; it uploads only what is still missing.',
      );
    }
  }

  const changed = plan.uploadCount > 0 || plan.deleteBatches.length > 0 || options.invalidate === true;
  if (distributionId && clients.cloudFront && changed) {
    try {
      report.invalidationId = await invalidateAll(
        clients.cloudFront,
        distributionId,
        options.invalidationWaitSeconds ?? 900,
        (id) => progress({ type: 'invalidation', id, status: 'created' }),
      );
      progress({ type: 'invalidation', id: report.invalidationId, status: 'completed' });
    } catch (error) {
      throw new DeployError(
        `Uploads finished but the CloudFront invalidation of ${distributionId} failed: ${describe(error)}.\n` +
          'Nothing was deleted. Run the deploy again with --invalidate (and --prune if you used it).',
      );
    }
  } else if (changed) {
    log('No CloudFront distribution given: skipping the invalidation.');
  }

  for (const keys of plan.deleteBatches) {
    const result = await clients.s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
    );
    if (result.Errors?.length) {
      throw new DeployError(
        `Deleting stale objects failed for ${result.Errors.length} key(s), e.g. ${result.Errors[0].Key}: ${result.Errors[0].Message}. ` +
          'The site itself is complete; run the deploy again with --prune to finish the clean-up.',
      );
    }
    report.deleted.push(...keys);
    progress({ type: 'deleted', keys });
  }
  return report;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
