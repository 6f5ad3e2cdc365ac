import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_IMMUTABLE, ruleFor } from '../../deploy/cache-rules.ts';
import { credentialRecord } from '../../deploy/password.ts';
import {
  FUNCTION_SIZE_LIMIT,
  KVS_KEYS,
  VIEWER_REQUEST_FUNCTION_PATH,
  viewerRequestSource,
} from '../../infra/functions/viewer-request-source.ts';
import {
  FUNCTION_IMPORT,
  isResponse,
  loadViewerRequestFunction,
  viewerRequestEvent,
  type KvsStandIn,
} from '../support/cloudfront-function.ts';
import { listDistFiles } from '../support/dist.ts';

const kvsOf = (entries: Record<string, string>): KvsStandIn => ({ get: (key) => entries[key] });
/** No release live yet: only the shared files are served. */
const handler = loadViewerRequestFunction();
const RELEASE = '20261128T120000Z-3f2a9c1b';
/** Another release in the bucket (an older or unfinished one), with its manifest. */
const OLD = '20261127T090000Z-11aa22bb';
const live = loadViewerRequestFunction({ kvs: kvsOf({ [KVS_KEYS.release]: RELEASE }) });
const refusal = (statusCode: number, statusDescription: string) => ({
  statusCode,
  statusDescription,
  headers: { 'cache-control': { value: 'no-store' } },
});
const BAD_REQUEST = refusal(400, 'Bad Request');
const UNAVAILABLE = refusal(503, 'Service Unavailable');

/**
 * Every bucket key a path could be read as, by S3 (which decodes it once) or anything in between
 * that decodes it again, reads `\` as `/` or resolves dot segments.
 */
function readingsOf(uri: string): string[] {
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const once = decode(uri);
  return [uri, once, decode(once)]
    .flatMap((path) => [path, path.replaceAll('\\', '/')])
    .map((path) => posix.normalize(path));
}

describe('CloudFront Function viewer-request (cloudfront-js-2.0): URLs', () => {
  it.each([
    // request → S3 key it fetches
    ['/', '/index.html'],
    ['/notes/iam/', '/notes/iam/index.html'],
    ['/topics/security/', '/topics/security/index.html'],
    ['/notes/v1.2/', '/notes/v1.2/index.html'],
    ['/notes/node.js/', '/notes/node.js/index.html'],
    ['/notes/%E8%AA%8D%E8%A8%BC/', '/notes/%E8%AA%8D%E8%A8%BC/index.html'],
    ['/_astro/app.Ab12Cd34.js', '/_astro/app.Ab12Cd34.js'],
    ['/404.html', '/404.html'],
    ['/notes/iam/index.html', '/notes/iam/index.html'],
    ['/pagefind/pagefind.js', '/pagefind/pagefind.js'],
    ['/pagefind/wasm.unknown.pagefind', '/pagefind/wasm.unknown.pagefind'],
    ['/pagefind/index/ja_65201da.pf_index', '/pagefind/index/ja_65201da.pf_index'],
    ['/pagefind/pagefind.ja_8775ef29dd.pf_meta', '/pagefind/pagefind.ja_8775ef29dd.pf_meta'],
    ['/sitemap-index.xml', '/sitemap-index.xml'],
    ['/v1.2/app.js', '/v1.2/app.js'],
    ['/topics/%E3%82%A2/', '/topics/%E3%82%A2/index.html'],
    ['/notes/a..b/', '/notes/a..b/index.html'],
    ['/notes/.../', '/notes/.../index.html'],
    ['/notes/..a/.b/', '/notes/..a/.b/index.html'],
    ['/.well-known/security.txt', '/.well-known/security.txt'],
    ['/notes/100%25/', '/notes/100%25/index.html'],
    ['/_astro/x.1a2b.css', '/_astro/x.1a2b.css'],
  ])('%s is served from the live release’s %s', async (path, key) => {
    const event = viewerRequestEvent(path);
    const result = await live(event);
    expect(isResponse(result)).toBe(false);
    // The live release's key, unless the file is content-hashed (shared by all releases, at the root).
    const shared = ruleFor(key.slice(1)).cacheControl === CACHE_IMMUTABLE;
    expect(result).toMatchObject({ uri: shared ? key : `/releases/${RELEASE}${key}`, method: 'GET' });
    // The rest of the request passes through untouched.
    expect(result).toMatchObject({ headers: event.request.headers, querystring: event.request.querystring });
    // With no release live, a shared file is the same; anything else is not there yet.
    expect(await handler(viewerRequestEvent(path))).toEqual(shared ? { ...event.request, uri: key } : UNAVAILABLE);
  });

  it.each([
    ['/notes/iam', '/notes/iam/'],
    ['/topics', '/topics/'],
    ['/notes/v1.2', '/notes/v1.2/'],
    ['/releases/2024.01', '/releases/2024.01/'],
    ['/.well-known', '/.well-known/'],
    ['/notes/iam?ref=top', '/notes/iam/?ref=top'],
    ['/notes/iam?q=%E8%AA%8D%E8%A8%BC&x', '/notes/iam/?q=%E8%AA%8D%E8%A8%BC&x'],
    ['/notes/iam?tag=a&tag=b', '/notes/iam/?tag=a&tag=b'],
  ])('%s redirects (301) to %s', async (path, location) => {
    for (const run of [handler, live]) {
      const result = await run(viewerRequestEvent(path));
      expect(isResponse(result)).toBe(true);
      expect(result).toMatchObject({ statusCode: 301, headers: { location: { value: location } } });
    }
  });

  // Paths as an attacker sends them: each must either be served (rewritten) or redirected on the site.
  const hostile = [
    '//evil.example/x',
    '///evil.example/x',
    '////evil.example/x',
    '/\\evil.example/x',
    '\\evil.example/x',
    '/\\/\\evil.example/x',
    '/\\\\evil.example/x',
    '/%2F%2Fevil.example/x',
    '/%2f/evil.example/x',
    '//evil.example%2Fx',
    '/%5Cevil.example/x',
    '/%5C/evil.example/x',
    '/%09/evil.example/x',
    '/\t/evil.example/x',
    '/\t\t//evil.example/x',
    '/\r\n/evil.example/x',
    '/\n//evil.example/x',
    '/ //evil.example/x',
    '/\u0000//evil.example/x',
    '/\\',
    '//',
    '/.',
    '/..',
    '/../evil.example/x',
    '/evil.example',
    '//evil.example/x?next=//evil.example&a=%0D%0ALocation:%20//evil.example',
    '/notes/iam?x=%0D%0ASet-Cookie:%20a=b',
    '/' + 'a'.repeat(8000),
    '/'.repeat(5000) + 'evil.example/x',
    '/\\'.repeat(2000) + 'evil.example/x',
    '/topics/セキュリティ',
    '//セキュリティ.example/x',
    '/topics/%E3%82%BB%E3%82%AD%E3%83%A5%E3%83%AA%E3%83%86%E3%82%A3?q=認証',
    '/notes/\uD800broken',
  ];

  it.each(hostile.map((path) => [JSON.stringify(path).slice(0, 80), path]))(
    'never redirects off the site: %s',
    async (_label, path) => {
      const result = await live(viewerRequestEvent(path));
      if (!isResponse(result)) return; // served from the bucket: the origin answers, nothing to follow
      if (result.statusCode === 400) return expect(result).toEqual(BAD_REQUEST); // refused: nothing to follow
      const location = result.headers?.location?.value ?? '';
      expect(result.statusCode).toBe(301);
      // Exactly one slash, then neither a slash nor a backslash (browsers read `\` as `/`).
      expect(location).toMatch(/^\/(?![/\\])/);
      // Printable ASCII only: browsers drop tabs and newlines from URLs, which could join `/` `/`.
      expect(location).toMatch(/^[\x21-\x7e]+$/);
      // And the way a browser resolves it: the same site.
      expect(new URL(location, 'https://notes.example.org/a/b').host).toBe('notes.example.org');
    },
  );

  it.each([
    ['//evil.example/x', '/evil.example/x/'],
    ['///evil.example/x', '/evil.example/x/'],
    ['/\t/evil.example/x', '/%09/evil.example/x/'],
    ['/\r\n//evil.example/x', '/%0D%0A//evil.example/x/'],
    ['/notes/😀', '/notes/%F0%9F%98%80/'],
    ['/topics/セキュリティ', '/topics/%E3%82%BB%E3%82%AD%E3%83%A5%E3%83%AA%E3%83%86%E3%82%A3/'],
    ['//evil.example/x?next=//evil.example', '/evil.example/x/?next=//evil.example'],
  ])('%j redirects to %j', async (path, location) => {
    expect(await handler(viewerRequestEvent(path))).toMatchObject({
      statusCode: 301,
      headers: { location: { value: location } },
    });
  });

  it.each(['/\\evil.example/x', '/\\/\\evil.example/x', '/\\', '/%2F%2Fevil.example/x', '/%5cevil.example/x', '/..'])(
    '%j is refused (400), not redirected',
    async (path) => {
      expect(await handler(viewerRequestEvent(path))).toEqual(BAD_REQUEST);
    },
  );

  it('gets the raw path, as CloudFront gives it', () => {
    expect(viewerRequestEvent('//evil.example/x?a=1').request).toMatchObject({
      uri: '//evil.example/x',
      querystring: { a: { value: '1' } },
    });
    expect(viewerRequestEvent('/a/../b').request.uri).toBe('/a/../b');
  });

  it('is standalone cloudfront-js-2.0 code: only the cloudfront and crypto imports, no Node globals', () => {
    const source = readFileSync(VIEWER_REQUEST_FUNCTION_PATH, 'utf8');
    expect(source).toMatch(/^async function handler\(event\)/m);
    expect([...source.matchAll(FUNCTION_IMPORT)].map((m) => m[0])).toEqual([
      "import cf from 'cloudfront';",
      "import crypto from 'crypto';",
    ]);
    const code = source.replace(FUNCTION_IMPORT, '').replace(/^\s*\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(import|export|require|process|module)\b/);
    // Arrow functions and async closures are not in the runtime.
    expect(code).not.toMatch(/=>/);
  });

  it(`stays under CloudFront's ${FUNCTION_SIZE_LIMIT}-byte limit, public and private`, () => {
    for (const options of [{}, { private: true }]) {
      const bytes = Buffer.byteLength(viewerRequestSource(options));
      console.log(`[viewer-request] ${JSON.stringify(options)}: ${bytes} bytes`);
      expect(bytes).toBeLessThan(FUNCTION_SIZE_LIMIT);
    }
  });
});

describe('releases: the live release comes from the KeyValueStore', () => {
  it('serves every page of the build from the live release and every hashed asset from the shared root', async () => {
    for (const key of await listDistFiles()) {
      const path = `/${key.replace(/(^|\/)index\.html$/, '$1')}`;
      const result = await live(viewerRequestEvent(encodeURI(path)));
      const shared = ruleFor(key).cacheControl === CACHE_IMMUTABLE;
      expect({ key, uri: (result as { uri: string }).uri }).toEqual({
        key,
        uri: shared ? encodeURI(`/${key}`) : encodeURI(`/releases/${RELEASE}/${key}`),
      });
    }
  });

  it.each([
    ['no release key', {}],
    ['an empty value', { [KVS_KEYS.release]: '' }],
    ['a path in the value', { [KVS_KEYS.release]: '../../etc' }],
    ['a slash in the value', { [KVS_KEYS.release]: 'a/b' }],
    ['a query in the value', { [KVS_KEYS.release]: 'r1?x' }],
    ['an over-long value', { [KVS_KEYS.release]: 'a'.repeat(65) }],
    [
      'a value that throws',
      {
        get: () => {
          throw new Error('KeyValueStore unreachable');
        },
      },
    ],
  ])('with %s, answers 503 for every page and reads nothing from the bucket root', async (_name, entries) => {
    const run = loadViewerRequestFunction({ kvs: 'get' in entries ? (entries as KvsStandIn) : kvsOf(entries) });
    for (const path of [
      '/',
      '/notes/iam/',
      '/404.html',
      '/sitemap-index.xml',
      '/pagefind/pagefind.js',
      `/releases/${OLD}.json`,
      `/releases/${OLD}/index.html`,
      `/releases/${OLD}/notes/iam/`,
      `//releases/${OLD}/index.html`,
    ]) {
      expect({ path, result: await run(viewerRequestEvent(path)) }).toEqual({ path, result: UNAVAILABLE });
    }
    // Content-hashed files are the same for every release.
    expect(await run(viewerRequestEvent('/_astro/site.Ab12Cd34.css'))).toMatchObject({
      uri: '/_astro/site.Ab12Cd34.css',
    });
  });

  it('keeps paths into releases/ inside the live release, where nothing has such a name', async () => {
    for (const [path, uri] of [
      [`/releases/${OLD}.json`, `/releases/${RELEASE}/releases/${OLD}.json`],
      [`/releases/${RELEASE}.json`, `/releases/${RELEASE}/releases/${RELEASE}.json`],
      [`/releases/${OLD}/notes/iam/`, `/releases/${RELEASE}/releases/${OLD}/notes/iam/index.html`],
      [`//releases/${OLD}/index.html`, `/releases/${RELEASE}//releases/${OLD}/index.html`],
      // A hashed-looking name outside _astro/ and pagefind/ is not shared.
      ['/notes/iam/x_abcdef1.pf_index', `/releases/${RELEASE}/notes/iam/x_abcdef1.pf_index`],
    ]) {
      expect(await live(viewerRequestEvent(path))).toMatchObject({ uri });
    }
  });
});

describe('paths outside the live release: refused before the shared-file rule', () => {
  // Raw paths as an attacker sends them (CloudFront hands them over unresolved and undecoded).
  const escapes = [
    `/_astro/../releases/${OLD}/index.html`,
    `/_astro/../releases/${OLD}.json`,
    `/_astro/%2e%2e/releases/${OLD}/index.html`,
    `/_astro/%2E%2E/releases/${OLD}.json`,
    `/_astro/%2e%2E/releases/${OLD}.json`,
    `/_astro/.%2e/releases/${OLD}.json`,
    `/_astro/%2e./releases/${OLD}.json`,
    '/_astro/%2E%2E/',
    '/_astro/..',
    '/_astro/%2e%2e',
    `/_astro/./../releases/${OLD}.json`,
    `/_astro/x/../../releases/${OLD}.json`,
    `/_astro//../releases/${OLD}.json`,
    '/_astro/./site.Ab12Cd34.css',
    '/_astro/%2e/site.Ab12Cd34.css',
    `/pagefind/../releases/${OLD}/pagefind/pagefind.js`,
    `/pagefind/index/../../releases/${OLD}/index/ja_65201da.pf_index`,
    `/pagefind/%2e%2e/releases/${OLD}/pagefind.ja_8775ef29dd.pf_meta`,
    `/%2e%2e/releases/${OLD}.json`,
    `/../releases/${OLD}/index.html`,
    '/notes/..%2f..%2f',
    `/notes/..%2f..%2freleases/${OLD}.json`,
    `/_astro%2f..%2freleases/${OLD}.json`,
    '/_astro%2f..',
    '/_astro%2F..%2F',
    `/_astro/..%2Freleases%2F${OLD}.json`,
    `/_astro\\..\\releases\\${OLD}.json`,
    '/_astro\\..\\releases',
    `/_astro/..\\releases/${OLD}.json`,
    `/_astro/%5c..%5creleases/${OLD}.json`,
    `/_astro/%5C..%5Creleases/${OLD}.json`,
    `/_astro/%252e%252e/releases/${OLD}.json`,
    `/_astro/%252E%252E/releases/${OLD}.json`,
    `/_astro/%25252e%25252e/releases/${OLD}.json`,
    `/_astro/..%252freleases%252f${OLD}.json`,
    `/_astro/..%255creleases/${OLD}.json`,
    '/./',
    '/.',
    '/./index.html',
    '/notes/../',
    '/notes/iam/..',
    '/notes/iam/.',
    '/notes/%2e%2e/',
    '/notes/%2e/iam/',
    '/%2e/',
    '/..%2f',
  ];

  it.each(escapes)('%j: 400, live release or not', async (path) => {
    expect(await live(viewerRequestEvent(path))).toEqual(BAD_REQUEST);
    expect(await handler(viewerRequestEvent(path))).toEqual(BAD_REQUEST);
  });

  // Every way of spelling a step out, after every prefix, towards every target: whatever gets
  // through must stay in the live release or the shared folders, however the key is read.
  const prefixes = ['/', '//', '/_astro/', '/_astro/x/', '/pagefind/', '/pagefind/index/', '/notes/iam/', '/notes/iam'];
  const steps = [
    '..',
    '.',
    '%2e%2e',
    '%2E%2e',
    '.%2e',
    '%2e.',
    '%2e',
    '%252e%252e',
    '%25252e%25252e',
    '..%2f',
    '..%2F',
    '..%5c',
    '..\\',
    '\\..',
    '%2e%2e%2f',
    '%2e%2e%5c',
    '..%252f',
    '...',
    '..;',
    '.. ',
    '%2e%2e%00',
  ];
  const targets = [
    `/releases/${OLD}.json`,
    `/releases/${OLD}/index.html`,
    `releases/${OLD}/notes/iam/`,
    '/',
    '/404.html',
  ];
  const paths = prefixes.flatMap((prefix) =>
    steps.flatMap((step) => targets.flatMap((target) => [prefix + step + target, prefix + step + '/' + step + target])),
  );

  it(`never reads outside the live release and the shared folders (${paths.length} spellings)`, async () => {
    const allowed = [`/releases/${RELEASE}/`, '/_astro/', '/pagefind/'];
    for (const path of paths) {
      const result = await live(viewerRequestEvent(path));
      if (isResponse(result)) {
        expect({ path, status: result.statusCode }).toMatchObject({ path, status: expect.toBeOneOf([301, 400]) });
        continue;
      }
      for (const key of readingsOf(result.uri)) {
        expect({ path, key, inside: allowed.some((prefix) => key.startsWith(prefix)) }).toEqual({
          path,
          key,
          inside: true,
        });
      }
    }
  });
});

describe('private site: HTTP Basic authentication at the edge', () => {
  const user = 'reader';
  const password = 'correct horse battery staple';
  const salt = '0123456789abcdef0123456789abcdef';
  const kvs = kvsOf({ [KVS_KEYS.release]: RELEASE, [KVS_KEYS.auth]: credentialRecord(user, password, salt) });
  const locked = loadViewerRequestFunction({ kvs, private: true });
  const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;
  const ask = (path: string, authorization?: string) =>
    locked(viewerRequestEvent(path, { headers: authorization === undefined ? {} : { authorization } }));

  const expectChallenge = (result: Awaited<ReturnType<typeof locked>>) => {
    expect(result).toEqual({
      statusCode: 401,
      statusDescription: 'Unauthorized',
      headers: {
        'www-authenticate': { value: 'Basic realm="aws-memo", charset="UTF-8"' },
        'cache-control': { value: 'no-store' },
      },
    });
  };

  it('lets the right credentials through to the live release, pages and assets alike', async () => {
    for (const [path, uri] of [
      ['/notes/iam/', `/releases/${RELEASE}/notes/iam/index.html`],
      ['/404.html', `/releases/${RELEASE}/404.html`],
      ['/_astro/site.Ab12Cd34.css', '/_astro/site.Ab12Cd34.css'],
      ['/pagefind/pagefind.js', `/releases/${RELEASE}/pagefind/pagefind.js`],
    ]) {
      expect(await ask(path, basic(`${user}:${password}`))).toMatchObject({ uri });
    }
    // The scheme name is case-insensitive (RFC 9110).
    expect(await ask('/', `basic ${Buffer.from(`${user}:${password}`).toString('base64')}`)).toMatchObject({
      uri: `/releases/${RELEASE}/index.html`,
    });
    // Redirects only after authentication: an anonymous visitor learns nothing about the paths.
    expect(await ask('/notes/iam', basic(`${user}:${password}`))).toMatchObject({ statusCode: 301 });
    expectChallenge(await ask('/notes/iam'));
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['wrong password', basic(`${user}:wrong horse battery staple`)],
    ['wrong user', basic(`admin:${password}`)],
    ['password only', basic(password)],
    ['no colon', basic(`${user}${password}`)],
    ['extra colon', basic(`${user}:${password}:`)],
    ['another scheme', `Bearer ${Buffer.from(`${user}:${password}`).toString('base64')}`],
    ['no scheme', Buffer.from(`${user}:${password}`).toString('base64')],
    ['two spaces', `Basic  ${Buffer.from(`${user}:${password}`).toString('base64')}`],
    ['not base64', 'Basic !!!not-base64!!!'],
    ['base64url characters', 'Basic cmVhZGVy_Ons-Pz8'],
    ['trailing garbage', `${basic(`${user}:${password}`)} x`],
    ['a newline', `${basic(`${user}:${password}`)}\n`],
    ['too much padding', `${basic(`${user}:${password}`)}===`],
    ['huge header', `Basic ${'A'.repeat(100_000)}`],
    ['unicode in the header itself', 'Basic ユーザー:パスワード'],
    ['unicode credentials that were not set', basic('読者:正しい馬の電池のホッチキス')],
    ['the stored record itself', `Basic ${credentialRecord(user, password, salt)}`],
  ])(
    'answers 401 with WWW-Authenticate to %s credentials, for pages, assets and the 404 page',
    async (_name, header) => {
      for (const path of ['/', '/notes/iam/', '/_astro/site.Ab12Cd34.css', '/404.html', '/no/such/page/']) {
        expectChallenge(await ask(path, header));
      }
    },
  );

  it('accepts unicode user names and passwords, encoded as UTF-8 the way browsers send them', async () => {
    const kvsJa = kvsOf({
      [KVS_KEYS.release]: RELEASE,
      [KVS_KEYS.auth]: credentialRecord('読者', '正しい馬の電池のホッチキス', salt),
    });
    const run = loadViewerRequestFunction({ kvs: kvsJa, private: true });
    const header = basic('読者:正しい馬の電池のホッチキス');
    expect(await run(viewerRequestEvent('/', { headers: { authorization: header } }))).toMatchObject({
      uri: `/releases/${RELEASE}/index.html`,
    });
  });

  it('checks credentials before the path: a stranger learns nothing, a reader gets 400 for a path outside the release', async () => {
    for (const path of [`/_astro/../releases/${OLD}.json`, '/_astro/%2e%2e/', '/notes/..%2f']) {
      expectChallenge(await ask(path));
      expect(await ask(path, basic(`${user}:${password}`))).toEqual(BAD_REQUEST);
    }
    const noRelease = loadViewerRequestFunction({
      kvs: kvsOf({ [KVS_KEYS.auth]: credentialRecord(user, password, salt) }),
      private: true,
    });
    expectChallenge(await noRelease(viewerRequestEvent('/')));
    expect(
      await noRelease(viewerRequestEvent('/', { headers: { authorization: basic(`${user}:${password}`) } })),
    ).toEqual(UNAVAILABLE);
  });

  it.each([
    ['no password set', {}],
    ['a malformed record', { [KVS_KEYS.auth]: 'not-a-record' }],
    ['a record of another version', { [KVS_KEYS.auth]: credentialRecord(user, password, salt).replace('v1', 'v9') }],
    ['a record without salt', { [KVS_KEYS.auth]: `v1::${'0'.repeat(64)}` }],
  ])('lets nobody in with %s (fails closed)', async (_name, entries) => {
    const run = loadViewerRequestFunction({ kvs: kvsOf(entries), private: true });
    expectChallenge(await run(viewerRequestEvent('/', { headers: { authorization: basic(`${user}:${password}`) } })));
  });

  it('a public site ignores credentials and never challenges', async () => {
    const open = loadViewerRequestFunction({ kvs });
    expect(await open(viewerRequestEvent('/notes/iam/'))).toMatchObject({
      uri: `/releases/${RELEASE}/notes/iam/index.html`,
    });
    expect(await open(viewerRequestEvent('/', { headers: { authorization: 'Basic garbage' } }))).toMatchObject({
      uri: `/releases/${RELEASE}/index.html`,
    });
  });
});
