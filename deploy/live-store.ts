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
  /**
   * Writes `value` only while `key` still holds `expected` (undefined: no value), in one
   * conditional write; false when it holds something else (another deploy switched meanwhile).
   */
  swap(key: string, expected: string | undefined, value: string): Promise<boolean>;
}

/** `arn:aws:cloudfront::123456789012:key-value-store/<uuid>` */
export const KVS_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:key-value-store\/[0-9a-f-]{36}$/;

export function cloudFrontKeyValueStore(
  arn: string,
  client = new CloudFrontKeyValueStoreClient({ region: 'us-east-1' }),
): LiveStore {
  if (!KVS_ARN.test(arn)) throw new DeployError(`Not a CloudFront KeyValueStore ARN: "${arn}".`);
  const get = async (key: string) => {
    try {
      return (await client.send(new GetKeyCommand({ KvsARN: arn, Key: key }))).Value;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  };
  const etag = async () => {
    const { ETag } = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
    if (!ETag) throw new DeployError(`The KeyValueStore ${arn} returned no ETag.`);
    return ETag;
  };
  return {
    name: arn,
    get,
    async put(key, value) {
      // Every write names the store's current ETag, so two writers cannot both succeed unnoticed.
      await client.send(new PutKeyCommand({ KvsARN: arn, Key: key, Value: value, IfMatch: await etag() }));
    },
    async swap(key, expected, value) {
      // The ETag is read before the value, and the write requires it: any write in between (to
      // any key) fails this one with a ConflictException, and the check runs again.
      for (let attempt = 1; ; attempt++) {
        const version = await etag();
        if ((await get(key)) !== expected) return false;
        try {
          await client.send(new PutKeyCommand({ KvsARN: arn, Key: key, Value: value, IfMatch: version }));
          return true;
        } catch (error) {
          if ((error as Error).name !== 'ConflictException' || attempt === 3) throw error;
        }
      }
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
  const get = async (key: string) => {
    const data = await read();
    return Object.hasOwn(data, key) && typeof data[key] === 'string' ? data[key] : undefined;
  };
  const put = async (key: string, value: string) => {
    const data = { ...(await read()), [key]: value };
    // Write then rename: a reader sees the old file or the new one, never half of one.
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`);
    await rename(temporary, path);
  };
  return {
    name: path,
    get,
    put,
    // Compare, then write: exclusive only among deploys that hold the deploy lock, which is all a
    // stand-in for one machine's tests needs; the real store's write is conditional.
    async swap(key, expected, value) {
      if ((await get(key)) !== expected) return false;
      await put(key, value);
      return true;
    },
  };
}
