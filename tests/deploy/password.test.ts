/**
 * The private site's credentials: whatever `--set-password` accepts logs in through the real
 * viewer-request function, and what it could not is refused by the deploy with a clear message
 * (issue 26, item 5). Browsers send `Basic <base64 of the UTF-8 user:password>`, so Japanese
 * characters count three bytes each.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../deploy/config.ts';
import {
  checkPassword,
  checkUser,
  credentialRecord,
  MAX_PASSWORD_BYTES,
  MAX_USER_LENGTH,
  readNewPassword,
} from '../../deploy/password.ts';
import { KVS_KEYS, MAX_CREDENTIAL_BYTES } from '../../infra/functions/viewer-request-source.ts';
import { isResponse, loadViewerRequestFunction, viewerRequestEvent } from '../support/cloudfront-function.ts';

const RELEASE = '20261128T120000Z-3f2a9c1b';
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Sets the record as `--set-password` would, then logs in the way a browser does. */
async function logsIn(user: string, password: string, sent = `${user}:${password}`): Promise<boolean> {
  const record = credentialRecord(user, password);
  const run = loadViewerRequestFunction({
    kvs: { get: (key) => ({ [KVS_KEYS.release]: RELEASE, [KVS_KEYS.auth]: record })[key] },
    private: true,
  });
  const authorization = `Basic ${Buffer.from(sent, 'utf8').toString('base64')}`;
  const result = await run(viewerRequestEvent('/notes/iam/', { headers: { authorization } }));
  if (isResponse(result)) {
    expect(result.statusCode).toBe(401);
    return false;
  }
  expect(result.uri).toBe(`/releases/${RELEASE}/notes/iam/index.html`);
  return true;
}

/** A password of exactly `size` UTF-8 bytes: Japanese characters, topped up with ASCII. */
const japanesePassword = (size: number) => 'パ'.repeat(Math.floor(size / 3)) + 'x'.repeat(size % 3);

describe('the deploy accepts exactly the credentials the function lets in', () => {
  it.each([
    ['64 kana and a 400-byte ASCII password (the issue)', 'ア'.repeat(64), 'p'.repeat(400)],
    ['64 kana and a 400-byte Japanese password', 'よみて'.repeat(21) + 'よ', japanesePassword(400)],
    ['64 four-byte characters (the most bytes a user name takes)', '𠮷'.repeat(64), 'p'.repeat(MAX_PASSWORD_BYTES)],
    ['the longest of both, mixed', '読者'.repeat(31) + '😀😀', japanesePassword(MAX_PASSWORD_BYTES)],
    ['the shortest password', 'reader', 'p'.repeat(12)],
  ])('%s: accepted by the deploy, and it logs in', async (_name, user, password) => {
    expect(checkUser(user)).toBe(user);
    expect(checkPassword(password)).toBe(password);
    expect(await logsIn(user, password)).toBe(true);
    // The right user with one character of the password wrong still gets 401.
    expect(await logsIn(user, password, `${user}:${password.slice(0, -1)}!`)).toBe(false);
  });

  it('the function’s limit is exact: one byte more gets 401 even with a record for it', async () => {
    const user = '𠮷'.repeat(MAX_USER_LENGTH);
    const longest = 'p'.repeat(MAX_CREDENTIAL_BYTES - bytes(user) - 1);
    expect(await logsIn(user, longest)).toBe(true);
    expect(await logsIn(user, `${longest}p`)).toBe(false);
  });

  it.each([
    ['one byte too many (ASCII)', 'p'.repeat(MAX_PASSWORD_BYTES + 1), MAX_PASSWORD_BYTES + 1],
    ['one Japanese character too many', japanesePassword(MAX_PASSWORD_BYTES - 2) + 'パ', MAX_PASSWORD_BYTES + 1],
    ['far too long', 'パスワード'.repeat(100), 1500],
  ])('refuses a password of %s, saying the limit in bytes', (_name, password, size) => {
    expect(bytes(password)).toBe(size);
    expect(() => checkPassword(password)).toThrow(
      `The password must be at most ${MAX_PASSWORD_BYTES} bytes in UTF-8 (a Japanese character takes 3), got ${size}: the site's login takes no longer credentials.`,
    );
  });

  it.each([
    ['65 kana', 'ア'.repeat(65)],
    ['65 ASCII letters', 'r'.repeat(65)],
    ['65 four-byte characters', '😀'.repeat(65)],
  ])('refuses a user name of %s', (_name, user) => {
    expect(() => checkUser(user)).toThrow(
      `--user must be 1 to ${MAX_USER_LENGTH} characters without a colon, control characters or surrounding spaces`,
    );
  });

  it.each([
    ['empty', ''],
    ['a colon', 're:ader'],
    ['a newline', 'reader\n'],
    ['a tab', 're\tader'],
    ['a leading space', ' reader'],
    ['a trailing ideographic space', '読者\u3000'],
  ])('refuses a user name with %s', (_name, user) => {
    expect(() => checkUser(user)).toThrow(/^--user must be 1 to 64 characters/);
  });

  it.each([
    ['11 characters', 'p'.repeat(11), 'The password must be at least 12 characters long.'],
    ['11 kana (33 bytes, still 11 characters)', 'パ'.repeat(11), 'The password must be at least 12 characters long.'],
    ['a control character', 'correct horse\u0007battery', 'The password must not contain control characters.'],
  ])('refuses a password of %s', (_name, password, message) => {
    expect(() => checkPassword(password)).toThrow(message);
  });

  it('refuses a bad --user when the flags are read, before anything is touched', () => {
    expect(() => parseFlags(['--set-password', '--user', 'ア'.repeat(65)], {})).toThrow(/^--user must be 1 to 64/);
    expect(parseFlags(['--set-password', '--user', 'ア'.repeat(64)], {})).toMatchObject({ user: 'ア'.repeat(64) });
  });

  it('reads the password from standard input and refuses one the site could not take', async () => {
    const stdin = (text: string) => Readable.from([text]) as unknown as NodeJS.ReadStream;
    const longest = japanesePassword(MAX_PASSWORD_BYTES);
    await expect(readNewPassword(stdin(`${longest}\nignored\n`))).resolves.toBe(longest);
    await expect(readNewPassword(stdin(`${longest}x\n`))).rejects.toThrow(
      `at most ${MAX_PASSWORD_BYTES} bytes in UTF-8`,
    );
  });
});
