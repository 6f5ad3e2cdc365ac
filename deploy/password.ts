/**
 * The private site's password: `npm run deploy -- --set-password` reads it from a prompt (a
 * terminal, not echoed) or from standard input (CI, a password manager), never from the command
 * line, where other users and the shell history would see it. The KeyValueStore keeps only
 * `v1:<salt>:<HMAC-SHA256 of the Basic credentials, keyed by the salt>`, which the viewer-request
 * function recomputes from the `Authorization: Basic …` header (CloudFront Functions' crypto has
 * HMAC but no slow password hash, so the password must be long: at least 12 characters).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { MAX_CREDENTIAL_BYTES } from '../infra/functions/viewer-request-source.ts';
import { DeployError } from './deploy-error.ts';

const MIN_PASSWORD_LENGTH = 12;
export const DEFAULT_USER = 'reader';
export const MAX_USER_LENGTH = 64;
/**
 * What the function's limit on `user:password` leaves for the password once the longest user name
 * (64 characters of up to 4 bytes each in UTF-8) and the colon are in: any user name the deploy
 * takes, with any password it takes, logs in.
 */
export const MAX_PASSWORD_BYTES = MAX_CREDENTIAL_BYTES - 4 * MAX_USER_LENGTH - 1;

/** The record the function checks. `salt` is random per --set-password. */
export function credentialRecord(user: string, password: string, salt = randomBytes(16).toString('hex')): string {
  const token = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  return `v1:${salt}:${createHmac('sha256', salt).update(token).digest('hex')}`;
}

export function checkUser(user: string): string {
  if (!user || [...user].length > MAX_USER_LENGTH || /[:\p{Cc}]/u.test(user) || user.trim() !== user) {
    throw new DeployError(
      `--user must be 1 to ${MAX_USER_LENGTH} characters without a colon, control characters or surrounding spaces, got ${JSON.stringify(user)}.`,
    );
  }
  return user;
}

export function checkPassword(password: string): string {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new DeployError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
  if (/\p{Cc}/u.test(password)) throw new DeployError('The password must not contain control characters.');
  const bytes = Buffer.byteLength(password);
  if (bytes > MAX_PASSWORD_BYTES) {
    throw new DeployError(
      `The password must be at most ${MAX_PASSWORD_BYTES} bytes in UTF-8 (a Japanese character takes 3), got ${bytes}: the site's login takes no longer credentials.`,
    );
  }
  return password;
}

/** Reads all of a stream as UTF-8 text. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk;
  return text;
}

/** Asks for a line on a terminal without echoing it. */
function promptHidden(question: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(question);
    input.setRawMode?.(true);
    input.resume();
    input.setEncoding('utf8');
    let answer = '';
    const done = (error?: Error) => {
      input.setRawMode?.(false);
      input.pause();
      input.removeListener('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new DeployError('Cancelled: no password was set.'));
        if (ch === '\u007f' || ch === '\b') answer = [...answer].slice(0, -1).join('');
        else answer += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * The new password: typed twice on a terminal, else the first line of standard input. Throws a
 * DeployError for an empty, short or mistyped password.
 */
export async function readNewPassword(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (input.isTTY) {
    const first = await promptHidden('New password for the private site: ', input, output);
    checkPassword(first);
    const again = await promptHidden('Type it again: ', input, output);
    if (again !== first) throw new DeployError('The two passwords differ; nothing was changed.');
    return first;
  }
  const text = await readAll(input);
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new DeployError('No password on standard input: pipe it in, e.g. `… --set-password < file`.');
  return checkPassword(line);
}
