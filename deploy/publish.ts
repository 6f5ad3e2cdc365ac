/**
 * Publishing a release and switching releases. A deploy uploads a whole new release (shared,
 * content-hashed files first, then the release's own files, unchanged ones copied server-side),
 * writes its manifest, and only then makes it live with one KeyValueStore write. Any failure
 * before that write leaves the live site exactly as it was; old releases beyond --keep are deleted
 * only after a successful switch.
 */
import { hostname } from 'node:os';
import type { S3Client } from '@aws-sdk/client-s3';
import { KVS_KEYS } from '../infra/functions/viewer-request-source.ts';
import { DeployError } from './deploy-error.ts';
import type { LiveStore } from './live-store.ts';
import {
  describeLock,
  isStale,
  LOCK_REFRESH_MS,
  lockHeldError,
  newLock,
  parseLock,
  refreshedLock,
  type DeployLock,
} from './lock.ts';
import { formatMassDelete, isPage, massDelete } from './mass-delete.ts';
import {
  DEFAULT_KEEP,
  ERROR_PAGE,
  etagMatches,
  formatPlan,
  manifestKey,
  missingObjects,
  newReleaseId,
  pagesOf,
  planCleanup,
  planRelease,
  previousRelease,
  RELEASE_ID,
  RELEASES,
  type Cleanup,
  type LocalFile,
  type ReleaseManifest,
  type ReleasePlan,
  type RemoteObject,
} from './release.ts';
import { runPool } from '../src/utils/run-pool.ts';
import { scanDist } from './build-stamp.ts';
import {
  copyErrorPage,
  copyFile,
  deleteKeys,
  deleteLock,
  describe,
  listBucket,
  readLock,
  readReleases,
  uploadFile,
  writeLock,
  writeManifest,
} from './s3-sync.ts';

export type ProgressEvent =
  | { type: 'step'; text: string }
  | { type: 'transfer-start'; title: string; files: number; bytes: number }
  | { type: 'transfer'; key: string; done: number; doneBytes: number }
  | { type: 'transfer-end' };

export interface Clients {
  s3: S3Client;
  store: LiveStore;
}

interface Common {
  bucket: string;
  dryRun?: boolean;
  log?: (line: string) => void;
  onProgress?: (event: ProgressEvent) => void;
  /** The commit being deployed, for the release list and the deploy lock. */
  commit?: string;
  /** How often the held lock is rewritten (default LOCK_REFRESH_MS); tests shorten it. */
  lockRefreshMs?: number;
}

export interface PublishOptions extends Common {
  dist: string;
  /** Releases to keep, the live one included (default 5). */
  keep?: number;
  force?: boolean;
  /** Also delete what belongs to no kept release: the old flat layout, unused shared files, unfinished releases. */
  prune?: boolean;
  /** Let a release go live that removes over 10% of the live pages, or any page when it has no notes. */
  allowMassDelete?: boolean;
  concurrency?: number;
  siteUrl?: string;
  /** The build's files, as checked against its stamp (build-stamp.ts); read from `dist` when not given. */
  files?: LocalFile[];
  /** The time in the new release's id (the deploy lock always uses the clock). */
  now?: () => Date;
}

export interface PublishReport {
  plan: ReleasePlan;
  /** The release live before this deploy, if any. */
  previous?: string;
  /** Whether this deploy changed which release is live. */
  switched: boolean;
  uploaded: string[];
  uploadedBytes: number;
  copied: number;
  cleanup?: Cleanup;
  deleted: string[];
  dryRun: boolean;
}

interface BucketState {
  remote: RemoteObject[];
  releases: ReleaseManifest[];
  liveId?: string;
  live?: ReleaseManifest;
}

async function readState(s3: S3Client, store: LiveStore, bucket: string): Promise<BucketState> {
  const remote = await listBucket(s3, bucket).catch((error: unknown) => {
    throw new DeployError(
      `Could not list s3://${bucket}: ${describe(error)}. Check the bucket name, region and credentials.`,
    );
  });
  const releases = await readReleases(s3, bucket, remote).catch((error: unknown) => {
    if (error instanceof DeployError) throw error;
    throw new DeployError(`Could not read the release manifests in s3://${bucket}: ${describe(error)}.`);
  });
  const liveId = await store.get(KVS_KEYS.release).catch((error: unknown) => {
    throw new DeployError(`Could not read the live release from ${store.name}: ${describe(error)}.`);
  });
  return { remote, releases, liveId, live: releases.find((release) => release.id === liveId) };
}

/** The live pages: the live release's, or before any release the bucket's old flat layout. */
function livePages(state: BucketState): string[] {
  if (state.live) return pagesOf(state.live);
  return state.remote.map((o) => o.key).filter((key) => !key.startsWith(RELEASES) && isPage(key) && key !== ERROR_PAGE);
}

/** Why `manifest`'s release cannot go live in a bucket holding `remote`, or undefined when it can. */
function incomplete(manifest: ReleaseManifest, remote: readonly RemoteObject[]): string | undefined {
  const byKey = new Map(remote.map((o) => [o.key, o]));
  const missing = [...(byKey.has(manifestKey(manifest.id)) ? [] : [manifestKey(manifest.id)])];
  missing.push(...missingObjects(manifest, byKey));
  if (!missing.length) return undefined;
  return `release ${manifest.id} is incomplete: ${missing.length} of its ${manifest.files.length + 1} object(s) are missing or changed, e.g. ${missing[0]}`;
}

/**
 * Makes `manifest`'s release live, then puts its 404 page where CloudFront's error response reads
 * it. Right before the write it checks that this deploy still holds the lock and that every object
 * of the release is in the bucket, and the write itself happens only if the live release is still
 * `previous`: a release deleted or replaced by anyone else never goes live.
 */
async function switchTo(
  clients: Clients,
  bucket: string,
  manifest: ReleaseManifest,
  previous: string | undefined,
  held: HeldLock,
): Promise<void> {
  const { id } = manifest;
  const unchanged = `The live site is unchanged${previous ? ` (release ${previous})` : ''} and nothing was deleted.`;
  await held.assertHeld(`Release ${id} was not made live. ${unchanged}`);
  const why = incomplete(manifest, await listBucket(clients.s3, bucket));
  if (why) throw new DeployError(`Not switching: ${why}. ${unchanged} Run the deploy again.`);
  let swapped: boolean;
  try {
    swapped = await clients.store.swap(KVS_KEYS.release, previous, id);
  } catch (error) {
    throw new DeployError(
      `Release ${id} is complete in s3://${bucket}, but making it live failed: ${describe(error)}.\n` +
        `${unchanged} Run the deploy again (it reuses release ${id}), or --rollback-to ${id}.`,
    );
  }
  if (!swapped) {
    const now = await clients.store.get(KVS_KEYS.release).catch(() => undefined);
    throw new DeployError(
      `Not switching: the live release changed while this deploy ran (it was ${previous ?? 'none'}, now ${now ?? 'none'}); ` +
        `another deploy or a rollback made it live. Release ${id} was not made live and nothing was deleted. Check --releases and run the deploy again.`,
    );
  }
  await repairErrorPage(clients.s3, bucket, id);
}

/** Who this process is, for its lock. */
const owner = (action: string, commit: string | undefined) => ({ host: hostname(), pid: process.pid, action, commit });

/** Whether process `pid` runs on this machine (a lock of this host's dead process is stale at once). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the deploy lock (lock.ts) or throws, naming the deploy that holds it. The conditional
 * write is what excludes a second deploy on S3; the read before it gives the refusal its owner,
 * and stands in for the condition on S3-compatible servers that ignore it (s3rver).
 */
async function acquireLock(s3: S3Client, bucket: string, lock: DeployLock, log: (line: string) => void) {
  const text = `${JSON.stringify(lock, null, 1)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const held = await readLock(s3, bucket);
    if (!held) {
      if (await writeLock(s3, bucket, text, { ifNoneMatch: '*' })) return;
      continue; // another deploy created it between the read and the write: read whose it is
    }
    const other = parseLock(held.text);
    const now = new Date();
    const dead = other?.host === lock.host && other.pid !== lock.pid && !running(other.pid);
    if (!(dead || isStale(other, held.written, now)) || !held.etag) throw lockHeldError(other, bucket, now);
    if (await writeLock(s3, bucket, text, { ifMatch: held.etag })) {
      log(
        `Took over the deploy lock of ${describeLock(other, now)}: ${dead ? 'that process is not running' : 'its deploy has not rewritten it for over an hour'}.`,
      );
      return;
    }
  }
  const held = await readLock(s3, bucket);
  throw lockHeldError(held && parseLock(held.text), bucket, new Date());
}

async function assertLockHeld(s3: S3Client, bucket: string, lock: DeployLock, consequence: string) {
  const held = await readLock(s3, bucket);
  const other = held && parseLock(held.text);
  if (other?.token === lock.token) return;
  throw new DeployError(
    `This deploy's lock on s3://${bucket} was broken while it ran (--force-unlock?)` +
      `${held ? `; it is now held by ${describeLock(other, new Date())}` : ''}. ${consequence}`,
  );
}

/** The deploy lock as the work done under it sees it. */
interface HeldLock {
  /** Throws, with `consequence`, unless the bucket's lock is still this one (`--force-unlock` breaks it). */
  assertHeld(consequence: string): Promise<void>;
}

/**
 * Rewrites the lock every `everyMs` while its deploy runs, so a long upload is never taken for a
 * dead deploy; only while the lock is still this one (If-Match), never over another's. A rewrite
 * and a check of the lock never overlap (a server that writes objects in place could show the
 * check half a lock), and `stop()` waits for a rewrite under way, so none lands after the lock is given back.
 */
function keepLockFresh(s3: S3Client, bucket: string, lock: DeployLock, everyMs: number, log: (line: string) => void) {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
    const result = queue.then(step);
    queue = result.catch(() => {});
    return result;
  };
  const refresh = async () => {
    try {
      const stored = await readLock(s3, bucket);
      if (!stored?.etag || parseLock(stored.text)?.token !== lock.token) return; // broken: the next check stops the deploy
      const text = `${JSON.stringify(refreshedLock(lock, new Date()), null, 1)}\n`;
      await writeLock(s3, bucket, text, { ifMatch: stored.etag });
    } catch (error) {
      log(`Could not refresh the deploy lock (${describe(error)}); trying again in ${Math.round(everyMs / 1000)} s.`);
    }
  };
  const timer = setInterval(() => void inTurn(refresh), everyMs);
  const held: HeldLock = {
    assertHeld: (consequence) => inTurn(() => assertLockHeld(s3, bucket, lock, consequence)),
  };
  return {
    held,
    async stop() {
      clearInterval(timer);
      await queue;
    },
  };
}

/** Runs `work` holding the deploy lock, and gives the lock back however it ends. */
async function withLock<T>(
  s3: S3Client,
  options: Common,
  action: string,
  work: (held: HeldLock) => Promise<T>,
): Promise<T> {
  const log = options.log ?? (() => {});
  const lock = newLock(owner(action, options.commit), new Date());
  try {
    await acquireLock(s3, options.bucket, lock, log);
  } catch (error) {
    if (error instanceof DeployError) throw error;
    throw new DeployError(
      `Could not take the deploy lock in s3://${options.bucket}: ${describe(error)}. Nothing was changed; check the connection and credentials, then run again.`,
    );
  }
  const fresh = keepLockFresh(s3, options.bucket, lock, options.lockRefreshMs ?? LOCK_REFRESH_MS, log);
  try {
    return await work(fresh.held);
  } finally {
    await fresh.stop();
    try {
      const held = await readLock(s3, options.bucket);
      if (held && parseLock(held.text)?.token === lock.token) await deleteLock(s3, options.bucket);
    } catch (error) {
      log(
        `Could not remove this deploy's lock (${describe(error)}): the next deploy on this machine takes it over, ` +
          'or run `npm run deploy -- --force-unlock`.',
      );
    }
  }
}

/**
 * `--set-password`: writes the credential record (password.ts) holding the deploy lock, as a
 * deploy or a rollback does, so it never runs while one of them is switching the same store.
 */
export async function setPassword(options: Common & { record: string }, clients: Clients): Promise<void> {
  await withLock(clients.s3, options, 'set-password', () => clients.store.put(KVS_KEYS.auth, options.record));
}

/** `--force-unlock`: removes the deploy lock, whoever holds it; says whose it was. */
export async function forceUnlock(bucket: string, clients: Clients): Promise<string> {
  const held = await readLock(clients.s3, bucket);
  if (!held) return `There is no deploy lock in s3://${bucket}; nothing to do.`;
  await deleteLock(clients.s3, bucket);
  return `Removed the deploy lock of ${describeLock(parseLock(held.text), new Date())} from s3://${bucket}.`;
}

async function repairErrorPage(s3: S3Client, bucket: string, id: string): Promise<void> {
  try {
    await copyErrorPage(s3, bucket, id);
  } catch (error) {
    throw new DeployError(
      `Release ${id} is live, but copying its 404 page to /${ERROR_PAGE} failed: ${describe(error)}. Missing pages may show the previous release's 404 page until you run the deploy again.`,
    );
  }
}

export async function publish(options: PublishOptions, clients: Clients): Promise<PublishReport> {
  // A dry run changes nothing, so it needs no lock.
  if (options.dryRun) return publishHolding(options, clients, undefined);
  return withLock(clients.s3, options, 'deploy', (held) => publishHolding(options, clients, held));
}

async function publishHolding(
  options: PublishOptions,
  clients: Clients,
  held: HeldLock | undefined,
): Promise<PublishReport> {
  const { dist, bucket, dryRun = false, keep = DEFAULT_KEEP, concurrency = 8 } = options;
  const log = options.log ?? (() => {});
  const progress = options.onProgress ?? (() => {});
  const { s3, store } = clients;

  const local = options.files ?? (await scanDist(dist));
  const state = await readState(s3, store, bucket);
  if (state.liveId && !state.live) {
    log(`Note: the live release ${state.liveId} has no manifest in s3://${bucket}; this deploy uploads every file.`);
  }
  const created = (options.now ?? (() => new Date()))();
  const plan = planRelease(local, state.remote, state.releases, {
    id: newReleaseId(created, local),
    created: created.toISOString(),
    commit: options.commit,
    siteUrl: options.siteUrl,
    live: state.live,
    force: options.force,
  });
  log(formatPlan(plan));

  // Before anything changes: a release that would wipe the site is refused whole.
  const pages = livePages(state);
  const next = new Set(local.map((f) => f.key).filter(isPage));
  const risk = options.allowMassDelete
    ? undefined
    : massDelete(
        local.map((f) => f.key),
        pages,
        pages.filter((page) => !next.has(page)),
      );
  if (risk) throw new DeployError(formatMassDelete(risk, 'take down', '--allow-mass-delete'));

  const report: PublishReport = {
    plan,
    previous: state.liveId,
    switched: false,
    uploaded: [],
    uploadedBytes: 0,
    copied: 0,
    deleted: [],
    dryRun,
  };
  const goesLive = state.liveId !== plan.id;
  // The release going live as the bucket has it (a build equal to a kept release keeps that one's manifest).
  const going = plan.same ?? plan.manifest;
  const cleanupFor = () =>
    planCleanup([...state.releases.filter((r) => r.id !== plan.id), going], plan.id, keep, state.remote, {
      prune: options.prune,
      now: created,
      previous: state.liveId,
    });

  if (dryRun || !held) {
    report.cleanup = cleanupFor();
    log(
      [
        goesLive
          ? `Would make release ${plan.id} live (now: ${state.liveId ?? 'none'}).`
          : `Release ${plan.id} is live already.`,
        `Would delete ${report.cleanup.releases.length} old release(s)${report.cleanup.releases.length ? ` (${report.cleanup.releases.join(', ')})` : ''}, ${report.cleanup.keys.length} object(s) in all.`,
        'Dry run: nothing was uploaded, switched or deleted.',
      ].join('\n'),
    );
    return report;
  }

  if (!plan.same) {
    const transfers = [
      ...plan.sharedUploads.map((file) => ({ file, copy: false, shared: true })),
      ...plan.uploads.map((file) => ({ file, copy: false, shared: false })),
      ...plan.copies.map((file) => ({ file, copy: true, shared: false })),
    ];
    const totalBytes = plan.uploadBytes;
    let done = 0;
    progress({ type: 'transfer-start', title: `release ${plan.id}`, files: transfers.length, bytes: totalBytes });
    const step = async ({ file, copy }: (typeof transfers)[number]) => {
      if (copy) {
        await copyFile(s3, bucket, file as (typeof plan.copies)[number]);
        report.copied += 1;
      } else {
        await uploadFile(s3, bucket, dist, file as (typeof plan.uploads)[number]);
        report.uploaded.push(file.key);
        report.uploadedBytes += file.size;
      }
      done += 1;
      progress({ type: 'transfer', key: file.key, done, doneBytes: report.uploadedBytes });
    };
    try {
      // Shared files first: a release's pages must never point at assets that are not there yet.
      await runPool(
        transfers.filter((t) => t.shared),
        concurrency,
        step,
      );
      await runPool(
        transfers.filter((t) => !t.shared),
        concurrency,
        step,
      );
      progress({ type: 'transfer-end' });
      // Last: the manifest, which makes the release complete.
      await writeManifest(s3, bucket, plan.manifest);
    } catch (error) {
      progress({ type: 'transfer-end' });
      throw new DeployError(
        `Publishing release ${plan.id} failed after ${done} of ${transfers.length} file(s): ${describe(error)}.\n` +
          `The live site is unchanged${state.liveId ? ` (release ${state.liveId})` : ''} and nothing was deleted. Fix the cause and run the deploy again; it reuses what is already in the bucket.`,
      );
    }
  }

  if (goesLive) {
    progress({ type: 'step', text: `Making release ${plan.id} live…` });
    await switchTo(clients, bucket, going, state.liveId, held);
    report.switched = true;
  } else {
    // Nothing changed; still mend a 404 copy an interrupted switch may have left behind.
    const errorPage = plan.manifest.files.find((f) => f.key === ERROR_PAGE)!;
    const root = state.remote.find((o) => o.key === ERROR_PAGE);
    if (!root || !etagMatches(root.etag, errorPage.md5)) await repairErrorPage(s3, bucket, plan.id);
  }

  // Also when nothing switched: an earlier run may have been stopped between its switch and here.
  {
    report.cleanup = cleanupFor();
    await held.assertHeld(`Release ${plan.id} is live; no old release was deleted.`);
    try {
      await deleteKeys(s3, bucket, report.cleanup.keys, (keys) => report.deleted.push(...keys));
    } catch (error) {
      throw new DeployError(
        `Release ${plan.id} is live, but deleting old releases failed: ${describe(error)}. The next deploy tries again.`,
      );
    }
  }
  return report;
}

export interface SwitchOptions extends Common {
  /** The release to make live; without it, the one before the live release. */
  to?: string;
}

export interface SwitchReport {
  from?: string;
  to: string;
  switched: boolean;
}

/** `--rollback` and `--rollback-to ID`: makes a kept, complete release live again. */
export async function rollback(options: SwitchOptions, clients: Clients): Promise<SwitchReport> {
  if (options.to !== undefined && !RELEASE_ID.test(options.to)) {
    throw new DeployError(`--rollback-to needs a release id such as 20261128T120000Z-3f2a9c1b, got "${options.to}".`);
  }
  if (options.dryRun) return rollbackHolding(options, clients, undefined);
  return withLock(clients.s3, options, 'rollback', (held) => rollbackHolding(options, clients, held));
}

async function rollbackHolding(
  options: SwitchOptions,
  clients: Clients,
  held: HeldLock | undefined,
): Promise<SwitchReport> {
  const { bucket, to, dryRun = false } = options;
  const log = options.log ?? (() => {});
  const state = await readState(clients.s3, clients.store, bucket);
  let target: ReleaseManifest | undefined;
  if (to !== undefined) {
    target = state.releases.find((release) => release.id === to);
    if (!target) throw new DeployError(`There is no release ${to} in s3://${bucket}; --releases lists them.`);
  } else {
    if (!state.liveId) {
      throw new DeployError(
        'No release is live, so there is none before it; --rollback-to ID picks one (see --releases).',
      );
    }
    target = previousRelease(state.releases, state.liveId);
    if (!target)
      throw new DeployError(`Release ${state.liveId} is the oldest kept release; there is none to roll back to.`);
  }
  if (target.id === state.liveId) {
    log(`Release ${target.id} is live already; nothing to do.`);
    return { from: state.liveId, to: target.id, switched: false };
  }
  const why = incomplete(target, state.remote);
  if (why) throw new DeployError(`Cannot roll back: ${why}. The live site is unchanged.`);
  if (dryRun || !held) {
    log(`Would make release ${target.id} live (now: ${state.liveId ?? 'none'}). Dry run: nothing was switched.`);
    return { from: state.liveId, to: target.id, switched: false };
  }
  await switchTo(clients, bucket, target, state.liveId, held);
  return { from: state.liveId, to: target.id, switched: true };
}

export interface ReleaseRow {
  id: string;
  created: string;
  commit?: string;
  pages: number;
  live: boolean;
}

export async function listReleases(bucket: string, clients: Clients): Promise<{ rows: ReleaseRow[]; liveId?: string }> {
  const state = await readState(clients.s3, clients.store, bucket);
  return {
    liveId: state.liveId,
    rows: state.releases.map((release) => ({
      id: release.id,
      created: release.created,
      commit: release.commit,
      pages: pagesOf(release).length,
      live: release.id === state.liveId,
    })),
  };
}

export function formatReleases({ rows, liveId }: { rows: ReleaseRow[]; liveId?: string }): string {
  if (!rows.length) return 'No releases yet.';
  const lines = ['  id                         created (UTC)         commit        pages'];
  for (const row of [...rows].reverse()) {
    lines.push(
      `${row.live ? '*' : ' '} ${row.id.padEnd(26)} ${row.created.slice(0, 19).replace('T', ' ').padEnd(21)} ${(row.commit ?? '-').slice(0, 12).padEnd(13)} ${row.pages}`,
    );
  }
  lines.push(
    liveId && rows.some((r) => r.live)
      ? '* live'
      : `No kept release is live${liveId ? ` (the store names ${liveId})` : ''}.`,
  );
  return lines.join('\n');
}
