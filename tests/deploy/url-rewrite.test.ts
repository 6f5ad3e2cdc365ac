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
