/**
 * Releases, as pure data and decisions (no I/O). Each deploy publishes a whole release under
 * `releases/<id>/`; content-hashed files live once at the bucket's root, shared by all releases;
 * `releases/<id>.json` (the manifest) is written last, so a release without one is incomplete and
 * never goes live. The KeyValueStore's `release` key names the live release (live-store.ts).
 *
 *   releases/20261128T120000Z-3f2a9c1b/index.html        a release's own files
 *   releases/20261128T120000Z-3f2a9c1b.json              its manifest: what it holds, when, which commit
 *   _astro/site.Ab12Cd34.css, pagefind/index/ja_….pf_index   shared, content-hashed
 *   404.html                                             a copy of the live release's, for CloudFront's error page
 */
import { isContentHashed, ruleFor, type FileRule } from './cache-rules.ts';
import { DeployError } from './deploy-error.ts';
import { isPage } from './mass-delete.ts';
import { compareKeys, contentHash, type BuildFile } from '../src/integrations/build-stamp.ts';

// The build stamp hashes a build the way a release does: one definition for both.
export { compareKeys, contentHash };

export const RELEASES = 'releases/';
/** CloudFront's custom error response fetches `/404.html` without running the function. */
export const ERROR_PAGE = '404.html';
/** `YYYYMMDDTHHMMSSZ-<8 hex of the content hash>`: sorts by time, says what it holds. */
export const RELEASE_ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;
export const DEFAULT_KEEP = 5;
/** The deploy lock (lock.ts): at the bucket's root, never a release's nor pruned. */
export const LOCK_KEY = 'deploy.lock';

/** A file of the build: its key in dist/, size and hex MD5. */
export type LocalFile = BuildFile;

export interface RemoteObject {
  key: string;
  etag?: string;
  size?: number;
}

export interface ReleaseManifest {
  version: 1;
  id: string;
  /** ISO time the release was made. */
  created: string;
  /** `git rev-parse HEAD` of the build, with `-dirty` when the work tree had changes. */
  commit?: string;
  siteUrl?: string;
  /** The release that was live when this one went live: where --rollback goes back to. */
  previous?: string;
  /** Every file of the build, shared ones included, by its key in dist/. */
  files: LocalFile[];
}

export const releaseKey = (id: string, key: string) => `${RELEASES}${id}/${key}`;
export const manifestKey = (id: string) => `${RELEASES}${id}.json`;
const storedKey = (id: string, key: string) => (isContentHashed(key) ? key : releaseKey(id, key));

export function newReleaseId(now: Date, files: readonly LocalFile[]): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${contentHash(files).slice(0, 8)}`;
}

/** A single-part upload's (or a copy's) ETag is the quoted hex MD5 of its bytes. */
export function etagMatches(etag: string | undefined, md5: string): boolean {
  return etag !== undefined && etag.replace(/"/g, '').toLowerCase() === md5.toLowerCase();
}

const sameContent = (object: RemoteObject | undefined, file: LocalFile) =>
  object !== undefined &&
  etagMatches(object.etag, file.md5) &&
  (object.size === undefined || object.size === file.size);

/** A key the deploy may write: relative, no `.`/`..` segments, no backslash or control character. */
function safeKey(key: unknown): key is string {
  return (
    typeof key === 'string' &&
    key.length > 0 &&
    key.length <= 1024 &&
    !key.startsWith('/') &&
    !/[\\\p{Cc}]/u.test(key) &&
    key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

/** Reads a manifest from the bucket, trusting nothing in it. */
export function parseManifest(text: string, key: string): ReleaseManifest {
  const fail = (why: string) =>
    new DeployError(`${key} is not a release manifest (${why}). Delete it, or restore it from a backup.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw fail('not JSON');
  }
  const m = data as Partial<ReleaseManifest>;
  if (!m || typeof m !== 'object' || m.version !== 1) throw fail('no version 1');
  if (typeof m.id !== 'string' || !RELEASE_ID.test(m.id) || manifestKey(m.id) !== key) throw fail('wrong id');
  if (typeof m.created !== 'string' || Number.isNaN(Date.parse(m.created))) throw fail('bad time');
  if (m.commit !== undefined && (typeof m.commit !== 'string' || !/^[0-9a-f]{7,40}(-dirty)?$/.test(m.commit)))
    throw fail('bad commit');
  if (m.siteUrl !== undefined && typeof m.siteUrl !== 'string') throw fail('bad site URL');
  if (m.previous !== undefined && (typeof m.previous !== 'string' || !RELEASE_ID.test(m.previous)))
    throw fail('bad previous release');
  if (!Array.isArray(m.files) || !m.files.length) throw fail('no files');
  for (const file of m.files) {
    if (
      !file ||
      !safeKey(file.key) ||
      typeof file.md5 !== 'string' ||
      !/^[0-9a-f]{32}$/.test(file.md5) ||
      !Number.isSafeInteger(file.size) ||
      file.size < 0
    )
      throw fail(`bad file entry ${JSON.stringify(file).slice(0, 80)}`);
  }
  return {
    version: 1,
    id: m.id,
    created: m.created,
    commit: m.commit,
    siteUrl: m.siteUrl,
    ...(m.previous ? { previous: m.previous } : {}),
    files: m.files.map(({ key: k, md5, size }) => ({ key: k, md5, size })),
  };
}

export const pagesOf = (manifest: Pick<ReleaseManifest, 'files'>) => manifest.files.map((f) => f.key).filter(isPage);

/** Every object a release needs, with the content it must have. */
export function releaseObjects(manifest: ReleaseManifest): LocalFile[] {
  return manifest.files.map((file) => ({ ...file, key: storedKey(manifest.id, file.key) }));
}

/** The objects of a release that are missing or differ: empty when it can go live. */
export function missingObjects(manifest: ReleaseManifest, remote: ReadonlyMap<string, RemoteObject>): string[] {
  return releaseObjects(manifest)
    .filter((object) => !sameContent(remote.get(object.key), object))
    .map((object) => object.key);
}

export interface PlannedUpload extends LocalFile, FileRule {
  /** Where it goes in the bucket. */
  target: string;
  reason: 'new' | 'changed' | 'forced';
}

export interface PlannedCopy extends LocalFile, FileRule {
  target: string;
  /** An object already in the bucket with the same bytes: copied server-side, not uploaded again. */
  source: string;
}

export interface ReleasePlan {
  id: string;
  /** An existing complete release with exactly this build: nothing to publish, only (maybe) a switch. */
  same?: ReleaseManifest;
  /** Shared, content-hashed files the bucket lacks: uploaded first. */
  sharedUploads: PlannedUpload[];
  sharedPresent: number;
  /** Files of this release already in place (an interrupted run of the same build, resumed). */
  releasePresent: number;
  /** The release's own files: new or changed ones uploaded, the rest copied from an older release. */
  uploads: PlannedUpload[];
  copies: PlannedCopy[];
  manifest: ReleaseManifest;
  uploadCount: number;
  uploadBytes: number;
}

export interface PlanOptions {
  id: string;
  created: string;
  commit?: string;
  siteUrl?: string;
  /** The live release, preferred as the source of copies and compared with for "new"/"changed". */
  live?: ReleaseManifest;
  /** Upload every file even when the bucket has it (e.g. after changing the cache rules). */
  force?: boolean;
}

/**
 * Plans a release of `local` into a bucket holding `remote`, given the complete releases it has.
 * A build equal to one of them makes no new release.
 */
export function planRelease(
  local: readonly LocalFile[],
  remote: readonly RemoteObject[],
  releases: readonly ReleaseManifest[],
  options: PlanOptions,
): ReleasePlan {
  const { id, live, force = false } = options;
  const files = [...local].sort((a, b) => compareKeys(a.key, b.key));
  const hash = contentHash(files);
  const remoteByKey = new Map(remote.map((object) => [object.key, object]));
  const same = force
    ? undefined
    : [live, ...releases].find(
        (release) => release && contentHash(release.files) === hash && !missingObjects(release, remoteByKey).length,
      );
  const manifest: ReleaseManifest = {
    version: 1,
    id: same?.id ?? id,
    created: options.created,
    ...(options.commit ? { commit: options.commit } : {}),
    ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
    ...(live ? { previous: live.id } : {}),
    files,
  };
  const plan: ReleasePlan = {
    id: manifest.id,
    same,
    sharedUploads: [],
    sharedPresent: 0,
    releasePresent: 0,
    uploads: [],
    copies: [],
    manifest,
    uploadCount: 0,
    uploadBytes: 0,
  };
  if (same) return plan;

  // Sources for server-side copies, by content: the live release's own key first, then any object
  // under releases/ with the same bytes.
  const byContent = new Map<string, string>();
  for (const object of remote) {
    if (!object.key.startsWith(RELEASES) || object.etag === undefined) continue;
    const contentKey = `${object.etag.replace(/"/g, '').toLowerCase()}:${object.size}`;
    if (!byContent.has(contentKey)) byContent.set(contentKey, object.key);
  }
  const liveFiles = new Map((live?.files ?? []).map((file) => [file.key, file]));

  for (const file of files) {
    const rule = ruleFor(file.key);
    const target = storedKey(id, file.key);
    if (rule.shared) {
      if (!force && sameContent(remoteByKey.get(target), file)) plan.sharedPresent += 1;
      else plan.sharedUploads.push({ ...file, ...rule, target, reason: reasonFor(remoteByKey.get(target), force) });
      continue;
    }
    if (!force && sameContent(remoteByKey.get(target), file)) {
      plan.releasePresent += 1;
      continue;
    }
    const fromLive = live && releaseKey(live.id, file.key);
    const source =
      fromLive && sameContent(remoteByKey.get(fromLive), file) ? fromLive : byContent.get(`${file.md5}:${file.size}`);
    if (source && !force) {
      plan.copies.push({ ...file, ...rule, target, source });
    } else {
      const before = liveFiles.get(file.key);
      plan.uploads.push({ ...file, ...rule, target, reason: force && source ? 'forced' : before ? 'changed' : 'new' });
    }
  }
  const uploads = [...plan.sharedUploads, ...plan.uploads];
  plan.uploadCount = uploads.length;
  plan.uploadBytes = uploads.reduce((sum, file) => sum + file.size, 0);
  return plan;
}

function reasonFor(existing: RemoteObject | undefined, force: boolean): PlannedUpload['reason'] {
  if (!existing) return 'new';
  return force ? 'forced' : 'changed';
}

/**
 * Where --rollback goes from `liveId`: the release that was live before it went live (its
 * manifest says), while it is kept; else the newest release older than it (ids sort by time).
 * After R1…R5, a rollback to R4 and a new R6, that is R4, never R5, the release rolled back from.
 */
export function previousRelease(releases: readonly ReleaseManifest[], liveId: string): ReleaseManifest | undefined {
  const recorded = releases.find((release) => release.id === liveId)?.previous;
  const before = recorded === liveId ? undefined : releases.find((release) => release.id === recorded);
  return (
    before ??
    [...releases].filter((release) => compareKeys(release.id, liveId) < 0).sort((a, b) => compareKeys(b.id, a.id))[0]
  );
}

export interface Cleanup {
  /** Releases beyond --keep, oldest first. */
  releases: string[];
  /** Every object to delete: those releases' files and manifests, and shared files only they used. */
  keys: string[];
}

/**
 * After a successful switch: keep `keep` releases and delete the rest, with the shared files no
 * kept release uses. Never deleted, whatever `keep` says: the live release, any release newer than
 * it (after a rollback), `previous` (the one live before this deploy) and where --rollback goes;
 * they count within `keep`, and the newest others fill it up. With `prune`, also what belongs to no complete
 * release: the bucket's old flat layout, shared files nothing uses, releases never finished (only
 * when their id is over an hour old, so a deploy still running elsewhere is left alone).
 */
export function planCleanup(
  releases: readonly ReleaseManifest[],
  liveId: string,
  keep: number,
  remote: readonly RemoteObject[],
  options: { prune?: boolean; now?: Date; previous?: string } = {},
): Cleanup {
  const newestFirst = [...releases].sort((a, b) => compareKeys(b.id, a.id));
  // Where --rollback goes: the release the live one's manifest says was live before it.
  const rollbackTarget = releases.find((release) => release.id === liveId)?.previous;
  const kept = new Set([liveId, ...[options.previous, rollbackTarget].filter((id) => id !== undefined)]);
  for (const release of newestFirst) {
    if (compareKeys(release.id, liveId) > 0 || kept.size < keep) kept.add(release.id);
  }
  const gone = newestFirst.filter((release) => !kept.has(release.id));
  const keptShared = new Set(
    newestFirst.filter((r) => kept.has(r.id)).flatMap((r) => r.files.map((f) => f.key).filter(isContentHashed)),
  );
  const keys = new Set<string>();
  for (const release of gone) {
    keys.add(manifestKey(release.id));
    for (const object of releaseObjects(release)) {
      if (!isContentHashed(object.key) || !keptShared.has(object.key)) keys.add(object.key);
    }
  }
  const present = new Set(remote.map((object) => object.key));
  if (options.prune) {
    const complete = new Set(releases.map((r) => r.id));
    const hourAgo = newReleaseId(new Date((options.now ?? new Date()).getTime() - 3600_000), []).slice(0, 16);
    for (const { key } of remote) {
      if (key === ERROR_PAGE || key === LOCK_KEY) continue;
      if (key.startsWith(RELEASES)) {
        const id = key.slice(RELEASES.length).split(/[/.]/)[0];
        const unfinished = !complete.has(id) && !(key === manifestKey(id));
        if (unfinished && (!RELEASE_ID.test(id) || compareKeys(id.slice(0, 16), hourAgo) < 0)) keys.add(key);
        continue;
      }
      if (!keptShared.has(key)) keys.add(key);
    }
  }
  return {
    releases: gone.map((release) => release.id).reverse(),
    keys: [...keys].filter((key) => present.has(key)).sort(compareKeys),
  };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError(`batch size must be at least 1, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** The plan as the deploy prints it before touching anything. */
export function formatPlan(plan: ReleasePlan, listLimit = 20): string {
  if (plan.same) return `Plan: this build is release ${plan.id} already; nothing to upload.`;
  const lines = [
    `Plan: release ${plan.id}: upload ${plan.uploadCount} file(s), ${formatBytes(plan.uploadBytes)}; ` +
      `copy ${plan.copies.length} unchanged file(s) in the bucket; ${plan.sharedPresent} shared file(s) already there`,
  ];
  const list = (title: string, uploads: PlannedUpload[]) => {
    if (!uploads.length) return;
    lines.push(`  ${title}: ${uploads.length} file(s), ${formatBytes(uploads.reduce((s, f) => s + f.size, 0))}`);
    for (const file of uploads.slice(0, listLimit)) lines.push(`     ${file.reason.padEnd(7)} ${file.key}`);
    if (uploads.length > listLimit) lines.push(`     … and ${uploads.length - listLimit} more`);
  };
  list('1. shared (content-hashed) files', plan.sharedUploads);
  list('2. release files', plan.uploads);
  return lines.join('\n');
}
