/**
 * Where the live release id (and the private site's credential record) are kept: the CloudFront
 * KeyValueStore the viewer-request function reads. Writing the `release` key is the one step that
 * makes a release live. A JSON file stands in for it when publishing to a local S3-compatible
 * server (tests, trials): the test edge reads the same file through the function.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
// The KeyValueStore API is signed with SigV4a; the SDK uses this pure-JS signer once it is loaded
// (otherwise: "Neither CRT nor JS SigV4a implementation is available").
import '@aws-sdk/signature-v4a';
import {
  CloudFrontKeyValueStoreClient,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { DeployError } from './deploy-error.ts';

export interface LiveStore {
  /** What the deploy prints, e.g. the KeyValueStore's ARN. */
  readonly name: string;
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
}

/** `arn:aws:cloudfront::123456789012:key-value-store/<uuid>` */
export const KVS_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:key-value-store\/[0-9a-f-]{36}$/;

export function cloudFrontKeyValueStore(
  arn: string,
  client = new CloudFrontKeyValueStoreClient({ region: 'us-east-1' }),
): LiveStore {
  if (!KVS_ARN.test(arn)) throw new DeployError(`Not a CloudFront KeyValueStore ARN: "${arn}".`);
  return {
    name: arn,
    async get(key) {
      try {
        return (await client.send(new GetKeyCommand({ KvsARN: arn, Key: key }))).Value;
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    async put(key, value) {
      // Every write names the store's current ETag, so two writers cannot both succeed unnoticed.
      const { ETag } = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      if (!ETag) throw new DeployError(`The KeyValueStore ${arn} returned no ETag.`);
      await client.send(new PutKeyCommand({ KvsARN: arn, Key: key, Value: value, IfMatch: ETag }));
    },
  };
}

/** The stand-in: `{ "release": "…", "auth": "…" }` in a file, replaced whole on each write. */
export function fileKeyValueStore(path: string): LiveStore {
  const read = async (): Promise<Record<string, string>> => {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '{}';
      throw error;
    });
    try {
      const data = JSON.parse(text);
      if (data && typeof data === 'object' && !Array.isArray(data)) return data;
    } catch {
      // fall through
    }
    throw new DeployError(`${path} is not a JSON object of keys and values; fix or delete it.`);
  };
  return {
    name: path,
    async get(key) {
      const data = await read();
      return Object.hasOwn(data, key) && typeof data[key] === 'string' ? data[key] : undefined;
    },
    async put(key, value) {
      const data = { ...(await read()), [key]: value };
      // Write then rename: a reader sees the old file or the new one, never half of one.
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`);
      await rename(temporary, path);
    },
  };
}
