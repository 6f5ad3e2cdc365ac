/**
 * A CloudFront stand-in in front of an S3-compatible server, configured as infra/site-stack.ts
 * configures the distribution: every request runs the real viewer-request function (with the
 * KeyValueStore stand-in the deploy writes), the rewritten path is fetched from the bucket, and a
 * missing object (S3 answers 403 or 404) is answered with the bucket's root `/404.html` and status
 * 404, fetched without running the function, as CloudFront's custom error responses are.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isResponse, loadViewerRequestFunction, viewerRequestEvent, type KvsStandIn } from './cloudfront-function.ts';

interface EdgeResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** The bucket key served, when the function let the request through. */
  key?: string;
}

export interface Edge {
  get(path: string, headers?: Record<string, string>): Promise<EdgeResponse>;
}

export function edgeFor(options: { s3: S3Client; bucket: string; kvs: KvsStandIn; private?: boolean }): Edge {
  const handler = loadViewerRequestFunction({ kvs: options.kvs, private: options.private });
  const fetchKey = async (key: string) => {
    try {
      const object = await options.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      return {
        body: await object.Body!.transformToString('utf8'),
        headers: { 'content-type': object.ContentType ?? '', 'cache-control': object.CacheControl ?? '' },
      };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || status === 403) return undefined;
      throw error;
    }
  };
  return {
    async get(path, headers = {}) {
      const result = await handler(viewerRequestEvent(path, { headers }));
      if (isResponse(result)) {
        return {
          status: result.statusCode,
          body: '',
          headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, { value }]) => [name, value])),
        };
      }
      let key: string | undefined;
      try {
        // OAC forwards the path; S3 decodes it into the key.
        key = decodeURIComponent(result.uri.slice(1));
      } catch {
        key = undefined;
      }
      const found = key === undefined ? undefined : await fetchKey(key);
      if (found) return { status: 200, ...found, key };
      const errorPage = await fetchKey('404.html');
      return errorPage ? { status: 404, ...errorPage, key: '404.html' } : { status: 404, body: '', headers: {} };
    },
  };
}
