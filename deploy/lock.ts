/**
 * The deploy lock, as pure data and decisions (the S3 calls are in s3-sync.ts, the flow in
 * publish.ts). Anything that changes which release is live or deletes releases (a deploy, a
 * rollback) first creates `deploy.lock` at the bucket's root with a conditional write
 * (`If-None-Match: *`): S3 lets exactly one writer create it, so a second deploy stops and names
 * the first. The lock says who holds it; its deploy rewrites it every 10 minutes, so one left by a
 * deploy that was killed is stale an hour after it last did and taken over, or broken at once with
 * `--force-unlock`.
 */
import { randomUUID } from 'node:crypto';
import { DeployError } from './deploy-error.ts';
import { LOCK_KEY } from './release.ts';

export { LOCK_KEY };

/** A deploy takes seconds to minutes; a lock this old was left by one that died. */
export const STALE_LOCK_MS = 60 * 60 * 1000;

/** How often a deploy rewrites the lock it holds, so a long upload's lock never looks stale. */
export const LOCK_REFRESH_MS = 10 * 60 * 1000;

export interface DeployLock {
  version: 1;
  /** Random: tells this deploy's lock from another's with the same host and time. */
  token: string;
  host: string;
  pid: number;
  /** What holds it: `deploy`, `rollback`. */
  action: string;
  /** The commit being deployed, if known. */
  commit?: string;
  /** ISO time the lock was taken. */
  started: string;
  /** ISO time its deploy last rewrote it (every LOCK_REFRESH_MS while it runs). */
  refreshed?: string;
}

export function newLock(owner: { host: string; pid: number; action: string; commit?: string }, now: Date): DeployLock {
  return {
    version: 1,
    token: randomUUID(),
    host: owner.host,
    pid: owner.pid,
    action: owner.action,
    ...(owner.commit ? { commit: owner.commit } : {}),
    started: now.toISOString(),
  };
}

/** Reads a lock from the bucket; anything unreadable is a lock of unknown origin (still a lock). */
export function parseLock(text: string): DeployLock | undefined {
  try {
    const data = JSON.parse(text) as Partial<DeployLock>;
    if (
      data?.version === 1 &&
      typeof data.token === 'string' &&
      typeof data.host === 'string' &&
      Number.isSafeInteger(data.pid) &&
      typeof data.action === 'string' &&
      (data.commit === undefined || typeof data.commit === 'string') &&
      typeof data.started === 'string' &&
      !Number.isNaN(Date.parse(data.started)) &&
      (data.refreshed === undefined || !Number.isNaN(Date.parse(String(data.refreshed))))
    ) {
      return data as DeployLock;
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** The lock as its deploy rewrites it while it runs: the same lock, seen alive at `now`. */
export function refreshedLock(lock: DeployLock, now: Date): DeployLock {
  return { ...lock, refreshed: now.toISOString() };
}

/** Stale: taken (or last refreshed) over an hour ago, or unreadable and last written over an hour ago. */
export function isStale(lock: DeployLock | undefined, written: Date | undefined, now: Date): boolean {
  const since = lock ? Date.parse(lock.refreshed ?? lock.started) : written?.getTime();
  return since !== undefined && now.getTime() - since > STALE_LOCK_MS;
}

const ago = (since: string, now: Date) => {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(since)) / 60_000));
  return minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
};

/**
 * `a deploy on ci-runner-7 (pid 4242), commit 9834c06…, started 2026-11-28 12:00:00 UTC (3 min ago)`,
 * and `, last seen running 2 min ago` once it has refreshed the lock.
 */
export function describeLock(lock: DeployLock | undefined, now: Date): string {
  if (!lock) return 'a lock this deploy cannot read';
  return (
    `a ${lock.action} on ${lock.host} (pid ${lock.pid})` +
    `${lock.commit ? `, commit ${lock.commit.slice(0, 12)}` : ''}` +
    `, started ${lock.started.slice(0, 19).replace('T', ' ')} UTC (${ago(lock.started, now)})` +
    `${lock.refreshed ? `, last seen running ${ago(lock.refreshed, now)}` : ''}`
  );
}

/** The refusal when another deploy holds the lock. */
export function lockHeldError(lock: DeployLock | undefined, bucket: string, now: Date): DeployError {
  return new DeployError(
    `Another deploy is running on s3://${bucket}: ${describeLock(lock, now)}. Nothing was changed.\n` +
      `Wait for it to finish and run again. If it is not running any more (it was killed), ` +
      `\`npm run deploy -- --force-unlock\` breaks its lock; a lock its deploy has not rewritten for an hour is taken over by itself.`,
  );
}
