/**
 * The deploy planner: pure, no I/O. Given what dist/ holds and what the bucket holds, decides what
 * to upload (in phase order), what is unchanged, and what is stale.
 */
import { PHASES, ruleFor, type FileRule } from './cache-rules.ts';

export interface LocalFile {
  key: string;
  size: number;
  /** Hex MD5 of the file's bytes. */
  md5: string;
}

export interface RemoteObject {
  key: string;
  etag?: string;
  size?: number;
}

export interface PlannedUpload extends LocalFile, FileRule {
  reason: 'new' | 'changed' | 'forced';
}

export interface Plan {
  /** Uploads per phase, in the order they must run (see PHASES). */
  phases: PlannedUpload[][];
  unchanged: string[];
  /** Objects in the bucket that the build no longer has. */
  stale: string[];
  /** Stale keys in DeleteObjects-sized batches; empty unless pruning. Run only after everything else. */
  deleteBatches: string[][];
  uploadCount: number;
  uploadBytes: number;
}

export interface PlanOptions {
  prune?: boolean;
  /** Upload even when the ETag matches, e.g. after the cache rules changed. */
  force?: boolean;
  /** DeleteObjects takes at most 1000 keys. */
  deleteBatchSize?: number;
}

/**
 * A single-part upload's ETag is the quoted hex MD5 of its bytes. A multipart ETag (`"…-3"`) is
 * not, so it never matches and the file is re-uploaded in one part, after which it will.
 */
export function etagMatches(etag: string | undefined, md5: string): boolean {
  return etag !== undefined && etag.replace(/"/g, '').toLowerCase() === md5.toLowerCase();
}

/** Byte-order key comparison: stable across locales, unlike localeCompare. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError(`batch size must be at least 1, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

export function planDeploy(
  local: readonly LocalFile[],
  remote: readonly RemoteObject[],
  options: PlanOptions = {},
): Plan {
  const { prune = false, force = false, deleteBatchSize = 1000 } = options;
  const remoteByKey = new Map(remote.map((object) => [object.key, object]));
  const localKeys = new Set(local.map((file) => file.key));
  const phases: PlannedUpload[][] = PHASES.map(() => []);
  const unchanged: string[] = [];

  for (const file of [...local].sort((a, b) => compareKeys(a.key, b.key))) {
    const existing = remoteByKey.get(file.key);
    const same =
      existing !== undefined &&
      etagMatches(existing.etag, file.md5) &&
      (existing.size === undefined || existing.size === file.size);
    if (same && !force) {
      unchanged.push(file.key);
      continue;
    }
    const rule = ruleFor(file.key);
    phases[rule.phase].push({ ...file, ...rule, reason: existing === undefined ? 'new' : same ? 'forced' : 'changed' });
  }

  const stale = remote
    .map((object) => object.key)
    .filter((key) => !localKeys.has(key))
    .sort(compareKeys);
  const uploads = phases.flat();
  return {
    phases,
    unchanged,
    stale,
    deleteBatches: prune ? chunk(stale, deleteBatchSize) : [],
    uploadCount: uploads.length,
    uploadBytes: uploads.reduce((sum, file) => sum + file.size, 0),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** The plan as the deploy prints it before touching anything. */
export function formatPlan(plan: Plan, options: { prune?: boolean; listLimit?: number } = {}): string {
  const { prune = false, listLimit = 20 } = options;
  const lines = [
    `Plan: upload ${plan.uploadCount} file(s), ${formatBytes(plan.uploadBytes)}; ${plan.unchanged.length} unchanged; ` +
      `${plan.stale.length} stale${plan.stale.length ? (prune ? ' (will be deleted last)' : ' (kept; --prune deletes them)') : ''}`,
  ];
  plan.phases.forEach((uploads, index) => {
    if (!uploads.length) return;
    const bytes = uploads.reduce((sum, file) => sum + file.size, 0);
    lines.push(`  ${index + 1}. ${PHASES[index]}: ${uploads.length} file(s), ${formatBytes(bytes)}`);
    for (const file of uploads.slice(0, listLimit)) lines.push(`     ${file.reason.padEnd(7)} ${file.key}`);
    if (uploads.length > listLimit) lines.push(`     … and ${uploads.length - listLimit} more`);
  });
  if (prune && plan.stale.length) {
    lines.push(`  ${PHASES.length + 1}. delete stale: ${plan.stale.length} object(s)`);
    for (const key of plan.stale.slice(0, listLimit)) lines.push(`     delete  ${key}`);
    if (plan.stale.length > listLimit) lines.push(`     … and ${plan.stale.length - listLimit} more`);
  }
  return lines.join('\n');
}
