/**
 * The viewer-request function's source (viewer-request.js): deployed by the stack, run in node:vm
 * by the tests. The one switch the stack turns on is PRIVATE; the KeyValueStore keys live here so
 * the deploy writes exactly what the function reads.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VIEWER_REQUEST_FUNCTION_PATH = fileURLToPath(new URL('./viewer-request.js', import.meta.url));

/** The KeyValueStore keys the function reads (see viewer-request.js). */
export const KVS_KEYS = { release: 'release', auth: 'auth' } as const;

/**
 * The longest `user:password`, in UTF-8 bytes, the function lets in: read from its source (the one
 * place it is set), so `--set-password` refuses credentials that could never log in.
 */
export const MAX_CREDENTIAL_BYTES = functionConstant('MAX_CREDENTIAL_BYTES');

/** CloudFront Functions reject code over 10 KB. */
export const FUNCTION_SIZE_LIMIT = 10 * 1024;

const PRIVATE_OFF = 'var PRIVATE = false;';

export function viewerRequestSource(options: { private?: boolean } = {}): string {
  const source = readFileSync(VIEWER_REQUEST_FUNCTION_PATH, 'utf8');
  if (source.split(PRIVATE_OFF).length !== 2) {
    throw new Error(`${VIEWER_REQUEST_FUNCTION_PATH} must contain "${PRIVATE_OFF}" exactly once`);
  }
  return options.private ? source.replace(PRIVATE_OFF, 'var PRIVATE = true;') : source;
}

/** A `var NAME = <integer>;` line of the function. */
function functionConstant(name: string): number {
  const line = new RegExp(`^var ${name} = (\\d+);$`, 'm').exec(readFileSync(VIEWER_REQUEST_FUNCTION_PATH, 'utf8'));
  if (!line) throw new Error(`${VIEWER_REQUEST_FUNCTION_PATH} must contain "var ${name} = <integer>;"`);
  return Number(line[1]);
}
