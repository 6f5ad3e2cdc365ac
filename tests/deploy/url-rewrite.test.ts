import { describe, expect, it } from 'vitest';
import { isResponse, loadUrlRewriteFunction, viewerRequestEvent } from '../support/cloudfront-function.ts';

const handler = loadUrlRewriteFunction();

describe('CloudFront Function url-rewrite (cloudfront-js-2.0, viewer request)', () => {
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
  ])('%s is served from %s', (path, key) => {
    const event = viewerRequestEvent(path);
    const result = handler(event);
    expect(isResponse(result)).toBe(false);
    expect(result).toMatchObject({ uri: key, method: 'GET' });
    // The rest of the request passes through untouched.
    expect(result).toMatchObject({ headers: event.request.headers, querystring: event.request.querystring });
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
  ])('%s redirects (301) to %s', (path, location) => {
    const result = handler(viewerRequestEvent(path));
    expect(isResponse(result)).toBe(true);
    expect(result).toMatchObject({ statusCode: 301, headers: { location: { value: location } } });
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
    (_label, path) => {
      const result = handler(viewerRequestEvent(path));
      if (!isResponse(result)) return; // served from the bucket: the origin answers, nothing to follow
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
    ['/\\evil.example/x', '/evil.example/x/'],
    ['/\\/\\evil.example/x', '/evil.example/x/'],
    ['/\t/evil.example/x', '/%09/evil.example/x/'],
    ['/\r\n//evil.example/x', '/%0D%0A//evil.example/x/'],
    ['/\\', '/'],
    ['/%2F%2Fevil.example/x', '/%2F%2Fevil.example/x/'],
    ['/notes/😀', '/notes/%F0%9F%98%80/'],
    ['/topics/セキュリティ', '/topics/%E3%82%BB%E3%82%AD%E3%83%A5%E3%83%AA%E3%83%86%E3%82%A3/'],
    ['//evil.example/x?next=//evil.example', '/evil.example/x/?next=//evil.example'],
  ])('%j redirects to %j', (path, location) => {
    expect(handler(viewerRequestEvent(path))).toMatchObject({
      statusCode: 301,
      headers: { location: { value: location } },
    });
  });

  it('gets the raw path, as CloudFront gives it', () => {
    expect(viewerRequestEvent('//evil.example/x?a=1').request).toMatchObject({
      uri: '//evil.example/x',
      querystring: { a: { value: '1' } },
    });
    expect(viewerRequestEvent('/a/../b').request.uri).toBe('/a/../b');
  });

  it('is standalone cloudfront-js-2.0 code: no module syntax, no Node globals', async () => {
    const { readFile } = await import('node:fs/promises');
    const { URL_REWRITE_FUNCTION_PATH } = await import('../../infra/functions/paths.ts');
    const source = await readFile(URL_REWRITE_FUNCTION_PATH, 'utf8');
    expect(source).toMatch(/^function handler\(event\)/m);
    expect(source).not.toMatch(/\b(import|export|require|process)\b/);
    // CloudFront Functions reject code over 10 KB.
    expect(Buffer.byteLength(source)).toBeLessThan(10 * 1024);
  });
});
