import { describe, expect, it } from 'vitest';
import { DeployError } from '../../deploy/deploy-error.ts';
import {
  contentHash,
  formatPlan,
  manifestKey,
  missingObjects,
  newReleaseId,
  parseManifest,
  planCleanup,
  planRelease,
  previousRelease,
  RELEASE_ID,
  releaseObjects,
  type LocalFile,
  type ReleaseManifest,
  type RemoteObject,
} from '../../deploy/release.ts';

const md5 = (seed: string) => seed.repeat(32).slice(0, 32);
const file = (key: string, seed = 'a', size = 100): LocalFile => ({ key, md5: md5(seed), size });
const site = [
  file('index.html', '1'),
  file('404.html', '2'),
  file('notes/iam/index.html', '3'),
  file('_astro/app.Ab12Cd34.js', '4'),
  file('pagefind/pagefind-entry.json', '5'),
  file('pagefind/index/ja_65201da.pf_index', '6'),
];
const stored = (manifest: ReleaseManifest): RemoteObject[] => [
  ...releaseObjects(manifest).map((o) => ({ key: o.key, etag: `"${o.md5}"`, size: o.size })),
  { key: manifestKey(manifest.id), etag: '"x"', size: 1 },
];
const manifest = (id: string, files: LocalFile[] = site): ReleaseManifest => ({
  version: 1,
  id,
  created: '2026-11-28T12:00:00.000Z',
  files,
});
const R1 = '20261101T000000Z-11111111';
const R2 = '20261102T000000Z-22222222';
const R3 = '20261103T000000Z-33333333';
const options = (id = '20261128T120000Z-abcdef01') => ({ id, created: '2026-11-28T12:00:00.000Z' });

describe('release ids and content hashes', () => {
  it('sort by time and name the content', () => {
    const id = newReleaseId(new Date('2026-11-28T12:34:56.789Z'), site);
    expect(id).toMatch(RELEASE_ID);
    expect(id.startsWith('20261128T123456Z-')).toBe(true);
    expect(id.slice(-8)).toBe(contentHash(site).slice(0, 8));
    expect(contentHash([...site].reverse())).toBe(contentHash(site));
    expect(contentHash([...site.slice(1), { ...site[0], md5: md5('f') }])).not.toBe(contentHash(site));
  });
});

describe('planRelease', () => {
  it('into an empty bucket: uploads every file, shared ones to the root and the rest under releases/<id>/', () => {
    const plan = planRelease(site, [], [], options());
    expect(plan.sharedUploads.map((u) => u.target)).toEqual([
      '_astro/app.Ab12Cd34.js',
      'pagefind/index/ja_65201da.pf_index',
    ]);
    expect(plan.uploads.map((u) => u.target)).toEqual(
      [
        '20261128T120000Z-abcdef01/404.html',
        '20261128T120000Z-abcdef01/index.html',
        '20261128T120000Z-abcdef01/notes/iam/index.html',
        '20261128T120000Z-abcdef01/pagefind/pagefind-entry.json',
      ].map((key) => `releases/${key}`),
    );
    expect(plan.copies).toEqual([]);
    expect(plan.uploadCount).toBe(site.length);
    expect(plan.uploadBytes).toBe(site.length * 100);
    expect(plan.manifest.files).toEqual([...site].sort((a, b) => (a.key < b.key ? -1 : 1)));
  });

  it('a one-page change uploads that page and copies the rest from the live release', () => {
    const live = manifest(R1);
    const changed = site.map((f) => (f.key === 'notes/iam/index.html' ? { ...f, md5: md5('9') } : f));
    const plan = planRelease(changed, stored(live), [live], { ...options(), live });
    expect(plan.sharedUploads).toEqual([]);
    expect(plan.sharedPresent).toBe(2);
    expect(plan.uploads.map((u) => [u.key, u.reason])).toEqual([['notes/iam/index.html', 'changed']]);
    expect(plan.copies.map((c) => [c.key, c.source])).toEqual([
      ['404.html', `releases/${R1}/404.html`],
      ['index.html', `releases/${R1}/index.html`],
      ['pagefind/pagefind-entry.json', `releases/${R1}/pagefind/pagefind-entry.json`],
    ]);
    expect(formatPlan(plan)).toMatch(/upload 1 file\(s\), 100 B; copy 3 unchanged file\(s\) in the bucket; 2 shared/);
  });

  it('copies from any older release with the same bytes, and uploads a new shared file', () => {
    const old = manifest(R1, [...site, file('notes/vpc/index.html', '7')]);
    const live = manifest(R2);
    const back = [...site, file('notes/vpc/index.html', '7'), file('_astro/new.Zz99Yy88.css', '8')];
    const plan = planRelease(back, [...stored(old), ...stored(live)], [old, live], { ...options(), live });
    expect(plan.copies.find((c) => c.key === 'notes/vpc/index.html')?.source).toBe(
      `releases/${R1}/notes/vpc/index.html`,
    );
    expect(plan.sharedUploads.map((u) => [u.key, u.reason])).toEqual([['_astro/new.Zz99Yy88.css', 'new']]);
    expect(plan.uploads).toEqual([]);
  });

  it('makes no new release when the build equals the live one, or a kept one (then only a switch)', () => {
    const live = manifest(R2);
    expect(planRelease(site, stored(live), [live], { ...options(), live }).same?.id).toBe(R2);
    const old = manifest(R1, site.slice(1));
    const plan = planRelease(site.slice(1), [...stored(old), ...stored(live)], [old, live], { ...options(), live });
    expect(plan.same?.id).toBe(R1);
    expect(plan.id).toBe(R1);
    expect(formatPlan(plan)).toBe(`Plan: this build is release ${R1} already; nothing to upload.`);
  });

  it('does not reuse a release whose objects are gone', () => {
    const live = manifest(R2);
    const remote = stored(live).filter((o) => o.key !== `releases/${R2}/index.html`);
    const plan = planRelease(site, remote, [live], { ...options(), live });
    expect(plan.same).toBeUndefined();
    expect(plan.uploads.map((u) => u.key)).toEqual(['index.html']);
  });

  it('with force, uploads everything even when the bucket has it', () => {
    const live = manifest(R1);
    const plan = planRelease(site, stored(live), [live], { ...options(), live, force: true });
    expect(plan.same).toBeUndefined();
    expect(plan.copies).toEqual([]);
    expect(plan.uploadCount).toBe(site.length);
    expect(plan.sharedUploads.every((u) => u.reason === 'forced')).toBe(true);
    expect(plan.uploads.every((u) => u.reason === 'forced')).toBe(true);
  });

  it('attaches the cache rules to each upload and copy', () => {
    const plan = planRelease(site, [], [], options());
    expect(plan.sharedUploads[0]).toMatchObject({
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    expect(plan.uploads[0]).toMatchObject({
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'public, max-age=0, must-revalidate, s-maxage=31536000',
    });
  });
});

describe('missingObjects', () => {
  it('names what a release lacks or holds with other bytes', () => {
    const release = manifest(R1);
    const remote = new Map(stored(release).map((o) => [o.key, o]));
    expect(missingObjects(release, remote)).toEqual([]);
    remote.delete('_astro/app.Ab12Cd34.js');
    remote.set(`releases/${R1}/index.html`, { key: `releases/${R1}/index.html`, etag: '"ffff"', size: 100 });
    expect(missingObjects(release, remote)).toEqual([`releases/${R1}/index.html`, '_astro/app.Ab12Cd34.js']);
  });
});

describe('previousRelease', () => {
  it('is the newest release older than the live one', () => {
    const all = [manifest(R3), manifest(R1), manifest(R2)];
    expect(previousRelease(all, R3)?.id).toBe(R2);
    expect(previousRelease(all, R2)?.id).toBe(R1);
    expect(previousRelease(all, R1)).toBeUndefined();
  });

  it('is the release that was live before the live one went live, when it is kept', () => {
    const all = [manifest(R1), manifest(R2), { ...manifest(R3), previous: R1 }];
    expect(previousRelease(all, R3)?.id).toBe(R1);
    // Gone: the newest older one instead.
    expect(previousRelease([manifest(R2), { ...manifest(R3), previous: R1 }], R3)?.id).toBe(R2);
  });
});

describe('planCleanup', () => {
  const shared = (name: string) => file(`_astro/${name}.Aa11Bb22.css`, name.slice(0, 1));
  const releases = [
    manifest(R1, [...site, shared('one')]),
    manifest(R2, [...site, shared('two')]),
    manifest(R3, [...site, shared('three')]),
  ];
  const remote = releases.flatMap(stored);

  it('keeps the newest N and the live release; deletes older releases and the shared files only they used', () => {
    const cleanup = planCleanup(releases, R3, 2, remote);
    expect(cleanup.releases).toEqual([R1]);
    expect(cleanup.keys).toContain(manifestKey(R1));
    expect(cleanup.keys).toContain(`releases/${R1}/index.html`);
    expect(cleanup.keys).toContain('_astro/one.Aa11Bb22.css');
    // Shared by the kept releases: stays.
    expect(cleanup.keys).not.toContain('_astro/app.Ab12Cd34.js');
    expect(cleanup.keys.some((key) => key.includes(R2) || key.includes(R3))).toBe(false);
  });

  it('never deletes the live release, nor one newer than it (after a rollback), whatever --keep says', () => {
    const cleanup = planCleanup(releases, R1, 1, remote, { prune: true });
    expect(cleanup).toEqual({ releases: [], keys: [] });
    expect(planCleanup(releases, R2, 1, remote).releases).toEqual([R1]);
  });

  it('keeps the release live before this deploy (the rollback target), counted within --keep', () => {
    expect(planCleanup(releases, R3, 2, remote, { previous: R1 }).releases).toEqual([R2]);
    expect(planCleanup(releases, R3, 1, remote, { previous: R1 }).releases).toEqual([R2]);
  });

  it('after R1…R5, a rollback to R4 and a new R6 with --prune --keep 2: keeps R6 and R4, and --rollback goes to R4', () => {
    const ids = [1, 2, 3, 4, 5, 6].map((n) => `2026110${n}T000000Z-${String(n).repeat(8)}`);
    const [r1, r2, r3, r4, r5, r6] = ids;
    const chain = ids.map((id, i) => ({
      ...manifest(id, [...site, shared(`s${i}`)]),
      // Each release records the one live when it went live; R6 went live after the rollback to R4.
      ...(i === 0 ? {} : { previous: i === 5 ? r4 : ids[i - 1] }),
    }));
    const cleanup = planCleanup(chain, r6, 2, chain.flatMap(stored), { prune: true, previous: r4 });
    expect(cleanup.releases).toEqual([r1, r2, r3, r5]);
    expect(cleanup.keys.some((key) => key.includes(r4) || key.includes(r6))).toBe(false);
    // Even while R5 is kept (the default --keep 5), the rollback from R6 goes back to R4, not to R5.
    expect(previousRelease(chain, r6)?.id).toBe(r4);
    expect(
      previousRelease(
        chain.filter((r) => !cleanup.releases.includes(r.id)),
        r6,
      )?.id,
    ).toBe(r4);
  });

  it('keeps everything within --keep', () => {
    expect(planCleanup(releases, R3, 5, remote)).toEqual({ releases: [], keys: [] });
  });

  it('with prune, also deletes the old flat layout, unused shared files and old unfinished releases', () => {
    const extra: RemoteObject[] = [
      { key: 'index.html' },
      { key: 'notes/old/index.html' },
      { key: '_astro/orphan.Cc33Dd44.css' },
      { key: '404.html' },
      { key: 'releases/20261001T000000Z-99999999/index.html' },
      // Unfinished but recent: maybe a deploy running elsewhere.
      { key: 'releases/20261128T115000Z-88888888/index.html' },
    ];
    const cleanup = planCleanup(releases, R3, 5, [...remote, ...extra], {
      prune: true,
      now: new Date('2026-11-28T12:00:00Z'),
    });
    expect(cleanup.keys).toEqual([
      '_astro/orphan.Cc33Dd44.css',
      'index.html',
      'notes/old/index.html',
      'releases/20261001T000000Z-99999999/index.html',
    ]);
  });
});

describe('parseManifest trusts nothing it reads', () => {
  const good = manifest(R1);
  it('reads a manifest back', () => {
    expect(parseManifest(JSON.stringify(good), manifestKey(R1))).toEqual(good);
    const after = { ...manifest(R2), previous: R1 };
    expect(parseManifest(JSON.stringify(after), manifestKey(R2))).toEqual(after);
  });

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({ ...good, version: 2 })],
    ['an id that is not its key', JSON.stringify({ ...good, id: R2 })],
    ['a hostile id', JSON.stringify({ ...good, id: '../../x' })],
    ['a bad time', JSON.stringify({ ...good, created: 'yesterday' })],
    ['no files', JSON.stringify({ ...good, files: [] })],
    ['a file outside the release', JSON.stringify({ ...good, files: [file('../404.html')] })],
    ['an absolute key', JSON.stringify({ ...good, files: [file('/etc/passwd')] })],
    ['a backslash', JSON.stringify({ ...good, files: [file('a\\b.html')] })],
    ['a control character', JSON.stringify({ ...good, files: [file('a\nb.html')] })],
    ['a bad md5', JSON.stringify({ ...good, files: [{ key: 'a.html', md5: 'x', size: 1 }] })],
    ['a negative size', JSON.stringify({ ...good, files: [{ key: 'a.html', md5: md5('a'), size: -1 }] })],
    ['a hostile commit', JSON.stringify({ ...good, commit: '$(rm -rf /)' })],
    ['a previous release that is no id', JSON.stringify({ ...good, previous: '../x' })],
    ['null', 'null'],
  ])('refuses %s', (_name, text) => {
    expect(() => parseManifest(text, manifestKey(R1))).toThrow(DeployError);
    expect(() => parseManifest(text, manifestKey(R1))).toThrow(/is not a release manifest/);
  });
});
