import { describe, expect, it } from 'vitest';
import { chunk, etagMatches, formatPlan, planDeploy, type LocalFile, type RemoteObject } from '../../deploy/plan.ts';

const file = (key: string, md5 = `${key.length.toString(16).padStart(2, '0')}`.repeat(16), size = 100): LocalFile => ({
  key,
  md5,
  size,
});
const sameAs = (local: LocalFile): RemoteObject => ({ key: local.key, etag: `"${local.md5}"`, size: local.size });

const site = [
  file('index.html'),
  file('404.html'),
  file('notes/iam/index.html'),
  file('_astro/app.Ab12Cd34.js'),
  file('_astro/site.Ef56Gh78.css'),
  file('pagefind/pagefind-entry.json'),
  file('pagefind/pagefind.js'),
  file('pagefind/pagefind.ja_8775ef29dd.pf_meta'),
  file('pagefind/index/ja_65201da.pf_index'),
  file('robots.txt'),
];

describe('etagMatches', () => {
  it.each([
    ['"0cc175b9c0f1b6a831c399e269772661"', '0cc175b9c0f1b6a831c399e269772661', true],
    ['0CC175B9C0F1B6A831C399E269772661', '0cc175b9c0f1b6a831c399e269772661', true],
    ['"0cc175b9c0f1b6a831c399e269772661-2"', '0cc175b9c0f1b6a831c399e269772661', false],
    [undefined, '0cc175b9c0f1b6a831c399e269772661', false],
    ['"92eb5ffee6ae2fec3ad71c777531578f"', '0cc175b9c0f1b6a831c399e269772661', false],
  ])('%s vs %s → %s', (etag, md5, expected) => {
    expect(etagMatches(etag, md5)).toBe(expected);
  });
});

describe('planDeploy', () => {
  it('uploads everything to an empty bucket, hashed assets first, then mutable files, then HTML', () => {
    const plan = planDeploy(site, []);
    expect(plan.phases.map((phase) => phase.map((u) => u.key))).toEqual([
      [
        '_astro/app.Ab12Cd34.js',
        '_astro/site.Ef56Gh78.css',
        'pagefind/index/ja_65201da.pf_index',
        'pagefind/pagefind.ja_8775ef29dd.pf_meta',
      ],
      ['pagefind/pagefind-entry.json', 'pagefind/pagefind.js', 'robots.txt'],
      ['404.html', 'index.html', 'notes/iam/index.html'],
    ]);
    expect(plan.uploadCount).toBe(site.length);
    expect(plan.uploadBytes).toBe(site.length * 100);
    expect(plan.phases.flat().every((u) => u.reason === 'new')).toBe(true);
    expect(plan.unchanged).toEqual([]);
  });

  it('skips files whose ETag is their MD5, so a second run uploads nothing', () => {
    const plan = planDeploy(site, site.map(sameAs));
    expect(plan.uploadCount).toBe(0);
    expect(plan.unchanged).toHaveLength(site.length);
    expect(plan.stale).toEqual([]);
    expect(plan.deleteBatches).toEqual([]);
  });

  it('uploads only the changed file', () => {
    const remote = site.map(sameAs);
    remote[2] = { ...remote[2], etag: '"ffffffffffffffffffffffffffffffff"' };
    const plan = planDeploy(site, remote);
    expect(plan.phases.flat().map((u) => [u.key, u.reason])).toEqual([['notes/iam/index.html', 'changed']]);
  });

  it('treats a size mismatch or a multipart ETag as changed', () => {
    const remote = site.map(sameAs);
    remote[0] = { ...remote[0], size: 99 };
    remote[1] = { ...remote[1], etag: `"${site[1].md5}-2"` };
    expect(
      planDeploy(site, remote)
        .phases.flat()
        .map((u) => u.key)
        .sort(),
    ).toEqual(['404.html', 'index.html']);
  });

  it('re-uploads unchanged files only with force', () => {
    const plan = planDeploy(site, site.map(sameAs), { force: true });
    expect(plan.uploadCount).toBe(site.length);
    expect(plan.phases.flat().every((u) => u.reason === 'forced')).toBe(true);
  });

  it('reports stale objects but plans no delete without prune', () => {
    const remote = [
      ...site.map(sameAs),
      { key: 'notes/old/index.html', etag: '"aa"' },
      { key: '_astro/app.Old00000.js', etag: '"bb"' },
    ];
    const plan = planDeploy(site, remote);
    expect(plan.stale).toEqual(['_astro/app.Old00000.js', 'notes/old/index.html']);
    expect(plan.deleteBatches).toEqual([]);
    expect(formatPlan(plan)).toMatch(/2 stale \(kept; --prune deletes them\)/);
  });

  it('with prune, deletes stale objects in batches of at most 1000, listed after the uploads', () => {
    const stale = Array.from({ length: 2345 }, (_, i) => ({
      key: `old/${String(i).padStart(4, '0')}.html`,
      etag: '"aa"',
    }));
    const plan = planDeploy(site, [...stale], { prune: true });
    expect(plan.deleteBatches.map((batch) => batch.length)).toEqual([1000, 1000, 345]);
    expect(plan.deleteBatches.flat()).toEqual(stale.map((o) => o.key));
    const printed = formatPlan(plan, { prune: true });
    expect(printed.indexOf('delete stale')).toBeGreaterThan(printed.indexOf('3. html'));
    expect(printed).toMatch(/… and 2325 more/);
  });

  it('honours a custom delete batch size', () => {
    const plan = planDeploy(
      [file('index.html')],
      ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key })),
      { prune: true, deleteBatchSize: 2 },
    );
    expect(plan.deleteBatches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('attaches the cache rules to each upload', () => {
    const [first] = planDeploy([file('_astro/app.Ab12Cd34.js')], []).phases[0];
    expect(first).toMatchObject({
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: 'public, max-age=31536000, immutable',
    });
  });
});

describe('chunk', () => {
  it('splits evenly and rejects a batch size below 1', () => {
    expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(chunk([], 5)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
