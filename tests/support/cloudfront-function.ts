/**
 * Runs the real CloudFront Function source (infra/functions/viewer-request.js) in node:vm, with
 * the viewer-request event shape CloudFront documents and the modules CloudFront provides:
 * `cloudfront` (the KeyValueStore, here a stand-in) and `crypto` (Node's, which has the same
 * createHmac). Shared by the function's tests, the static test server and the edge simulator, so
 * the URL rules live only in the function.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { viewerRequestSource, VIEWER_REQUEST_FUNCTION_PATH } from '../../infra/functions/viewer-request-source.ts';

interface CfValue {
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

export type ViewerRequestHandler = (event: CfViewerRequestEvent) => Promise<CfRequest | CfResponse>;

/** What the function's KeyValueStore holds: a Map, or anything that reads a key (e.g. a file). */
export interface KvsStandIn {
  get(key: string): string | undefined;
}

const emptyKvs: KvsStandIn = { get: () => undefined };

/** A KeyValueStore stand-in kept in a JSON file, so a deploy in another process can switch it. */
export function fileKvs(path: string): KvsStandIn {
  return {
    get(key) {
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        return undefined;
      }
      return Object.hasOwn(data, key) && typeof data[key] === 'string' ? (data[key] as string) : undefined;
    },
  };
}

/**
 * The `cloudfront` module's kvs() handle as CloudFront documents it: get(key, { format }) returns a
 * promise, rejected when the key does not exist.
 */
function cloudfrontModule(store: KvsStandIn) {
  return {
    kvs: () => ({
      async get(key: string, options?: { format?: 'string' | 'json' | 'bytes' }) {
        const value = store.get(key);
        if (value === undefined) throw new Error(`Key ${key} not found`);
        return options?.format === 'json' ? JSON.parse(value) : value;
      },
      async exists(key: string) {
        return store.get(key) !== undefined;
      },
    }),
  };
}

/** `import x from 'm';` lines: the only module syntax the function may use (see its tests). */
export const FUNCTION_IMPORT = /^import (\w+) from '(\w+)';$/gm;

export function loadViewerRequestFunction(
  options: { kvs?: KvsStandIn; private?: boolean; source?: string } = {},
): ViewerRequestHandler {
  const source = options.source ?? viewerRequestSource({ private: options.private });
  const modules: Record<string, unknown> = {
    cloudfront: cloudfrontModule(options.kvs ?? emptyKvs),
    crypto: { createHash, createHmac },
  };
  // node:vm runs scripts, not modules: each import becomes a read of the module CloudFront provides.
  const script = source.replace(FUNCTION_IMPORT, (_line, name: string, module: string) => {
    if (!(module in modules)) throw new Error(`the function imports "${module}", which CloudFront does not provide`);
    return `var ${name} = __modules[${JSON.stringify(module)}];`;
  });
  // A fresh context, like CloudFront's: no require, no process, only the language, Buffer and console.
  const handler = runInNewContext(
    `${script}\n;handler`,
    { __modules: modules, console, Buffer },
    {
      filename: VIEWER_REQUEST_FUNCTION_PATH,
    },
  );
  if (typeof handler !== 'function') throw new Error(`${VIEWER_REQUEST_FUNCTION_PATH} does not define handler(event)`);
  return handler as ViewerRequestHandler;
}

/**
 * Builds the event CloudFront passes for a raw request target (e.g. `/notes/iam?x=1`), exactly as
 * the client sent it: no `new URL()`, which would read `//evil.example/x` as a host name and
 * resolve `/a/../b`. CloudFront hands the path to the function unchanged, and so does this.
 */
export function viewerRequestEvent(
  rawTarget: string,
  options: { host?: string; headers?: Record<string, string> } = {},
): CfViewerRequestEvent {
  const host = options.host ?? 'd111111abcdef8.cloudfront.net';
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
  const headers = new Map<string, CfValue>([['host', { value: host }]]);
  // CloudFront lower-cases header names.
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name.toLowerCase(), { value });
  return {
    version: '1.0',
    context: {
      distributionDomainName: host,
      distributionId: 'EDFDVBD6EXAMPLE',
      eventType: 'viewer-request',
      requestId: 'test',
    },
    viewer: { ip: '198.51.100.11' },
    request: {
      method: 'GET',
      uri,
      querystring: Object.fromEntries(parameters),
      headers: Object.fromEntries(headers),
      cookies: {},
    },
  };
}

export function isResponse(result: CfRequest | CfResponse): result is CfResponse {
  return 'statusCode' in result;
}
