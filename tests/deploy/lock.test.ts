import { describe, expect, it } from 'vitest';
import {
  describeLock,
  isStale,
  lockHeldError,
  newLock,
  parseLock,
  refreshedLock,
  STALE_LOCK_MS,
} from '../../deploy/lock.ts';

const now = new Date('2026-11-28T12:00:00Z');
const lock = newLock({ host: 'ci-runner-7', pid: 4242, action: 'deploy', commit: '9834c06aa1b2c3d4e5f6' }, now);

describe('the deploy lock', () => {
  it('reads back what it writes, each lock with its own token', () => {
    expect(parseLock(JSON.stringify(lock))).toEqual(lock);
    expect(newLock({ host: 'a', pid: 1, action: 'deploy' }, now).token).not.toBe(lock.token);
  });

  it.each([
    ['not JSON', '{'],
    ['null', 'null'],
    ['another version', JSON.stringify({ ...lock, version: 2 })],
    ['no host', JSON.stringify({ ...lock, host: undefined })],
    ['a pid that is no number', JSON.stringify({ ...lock, pid: '1; rm -rf /' })],
    ['a bad time', JSON.stringify({ ...lock, started: 'yesterday' })],
    ['a bad refresh time', JSON.stringify({ ...lock, refreshed: 'just now' })],
  ])('reads %s as a lock of unknown origin, still a lock', (_name, text) => {
    expect(parseLock(text)).toBeUndefined();
    expect(describeLock(undefined, now)).toBe('a lock this deploy cannot read');
  });

  it('is stale only after an hour, by its own time, or by when it was written when unreadable', () => {
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(isStale(lock, undefined, at(STALE_LOCK_MS))).toBe(false);
    expect(isStale(lock, undefined, at(STALE_LOCK_MS + 1000))).toBe(true);
    expect(isStale(undefined, now, at(STALE_LOCK_MS + 1000))).toBe(true);
    expect(isStale(undefined, undefined, at(10 * STALE_LOCK_MS))).toBe(false);
  });

  it('counts an hour from its last refresh: a long deploy that refreshes it is never stale', () => {
    const twoHoursIn = new Date(now.getTime() + 2 * 3600_000);
    const refreshed = refreshedLock(lock, new Date(twoHoursIn.getTime() - 10 * 60_000));
    expect(parseLock(JSON.stringify(refreshed))).toEqual(refreshed);
    expect(refreshed.token).toBe(lock.token);
    expect(isStale(lock, undefined, twoHoursIn)).toBe(true);
    expect(isStale(refreshed, undefined, twoHoursIn)).toBe(false);
    expect(isStale(refreshed, undefined, new Date(twoHoursIn.getTime() + 51 * 60_000))).toBe(true);
    expect(describeLock(refreshed, twoHoursIn)).toBe(
      'a deploy on ci-runner-7 (pid 4242), commit 9834c06aa1b2, started 2026-11-28 12:00:00 UTC (2 h ago), last seen running 10 min ago',
    );
  });

  it('names the other deploy: host, pid, commit, start time and how long ago, and how to break it', () => {
    const message = lockHeldError(lock, 'site-bucket', new Date(now.getTime() + 3 * 60_000)).message;
    expect(message).toContain(
      'Another deploy is running on s3://site-bucket: a deploy on ci-runner-7 (pid 4242), commit 9834c06aa1b2, started 2026-11-28 12:00:00 UTC (3 min ago). Nothing was changed.',
    );
    expect(message).toContain('npm run deploy -- --force-unlock');
    expect(describeLock(lock, new Date(now.getTime() + 5 * 3600_000))).toMatch(/\(5 h ago\)$/);
  });
});
