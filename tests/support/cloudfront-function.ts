/**
 * Runs the real CloudFront Function source (infra/functions/url-rewrite.js) in node:vm, with the
 * viewer-request event shape CloudFront documents. Shared by the function's tests and the static
 * test server, so the URL rule lives only in the function.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { URL_REWRITE_FUNCTION_PATH } from '../../infra/functions/paths.ts';

export interface CfValue {
  value: string;
  multiValue?: CfValue[];
}

export interface CfRequest {
  method: string;
  uri: string;
  querystring: Record<string, CfValue>;
  headers: Record<string, CfValue>;
  cookies: Record<string, CfValue>;
}

export interface CfResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, CfValue>;
}

export interface CfViewerRequestEvent {
  version: '1.0';
  context: { distributionDomainName: string; distributionId: string; eventType: 'viewer-request'; requestId: string };
  viewer: { ip: string };
  request: CfRequest;
}

export type ViewerRequestHandler = (event: CfViewerRequestEvent) => CfRequest | CfResponse;

export function loadUrlRewriteFunction(path = URL_REWRITE_FUNCTION_PATH): ViewerRequestHandler {
  const source = readFileSync(path, 'utf8');
  // A fresh context, like CloudFront's: no require, no process, only the language and console.
  const handler = runInNewContext(`${source}\n;handler`, { console }, { filename: path });
  if (typeof handler !== 'function') throw new Error(`${path} does not define handler(event)`);
  return handler as ViewerRequestHandler;
}

/**
 * Builds the event CloudFront passes for a raw request target (e.g. `/notes/iam?x=1`), exactly as
 * the client sent it: no `new URL()`, which would read `//evil.example/x` as a host name and
 * resolve `/a/../b`. CloudFront hands the path to the function unchanged, and so does this.
 */
export function viewerRequestEvent(rawTarget: string, host = 'd111111abcdef8.cloudfront.net'): CfViewerRequestEvent {
  const queryAt = rawTarget.indexOf('?');
  const uri = queryAt === -1 ? rawTarget : rawTarget.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawTarget.slice(queryAt + 1);
  // A Map, so a parameter named `__proto__` is data, not the object's prototype.
  const parameters = new Map<string, CfValue>();
  // CloudFront hands query values over as they were sent (still percent-encoded).
  for (const part of query.split('&').filter(Boolean)) {
    const [name, ...rest] = part.split('=');
    const value = { value: rest.join('=') };
    const existing = parameters.get(name);
    if (!existing) parameters.set(name, value);
    else existing.multiValue = [...(existing.multiValue ?? [{ value: existing.value }]), value];
  }
  const querystring: Record<string, CfValue> = Object.fromEntries(parameters);
  return {
    version: '1.0',
    context: {
      distributionDomainName: host,
      distributionId: 'EDFDVBD6EXAMPLE',
      eventType: 'viewer-request',
      requestId: 'test',
    },
    viewer: { ip: '198.51.100.11' },
    request: { method: 'GET', uri, querystring, headers: { host: { value: host } }, cookies: {} },
  };
}

export function isResponse(result: CfRequest | CfResponse): result is CfResponse {
  return 'statusCode' in result;
}
