import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeployError } from '../../deploy/deploy-error.ts';
import { checkBuiltFor, parseSiteUrl, resolveSiteUrl } from '../../deploy/site-url.ts';
import { PLACEHOLDER_SITE_URL } from '../../src/site-config.ts';

describe('parseSiteUrl', () => {
  it.each([
    ['https://notes.example.org', 'https://notes.example.org/'],
    ['https://notes.example.org/', 'https://notes.example.org/'],
    ['  https://Notes.Example.org  ', 'https://notes.example.org/'],
    ['https://d111111abcdef8.cloudfront.net/', 'https://d111111abcdef8.cloudfront.net/'],
    ['http://127.0.0.1:4321', 'http://127.0.0.1:4321/'],
    ['https://xn--eckwd4c7c.example/', 'https://xn--eckwd4c7c.example/'],
  ])('%s → %s', (text, url) => {
    expect(parseSiteUrl(text, '--site-url')).toBe(url);
  });

  it('writes an internationalised host name in its ASCII (punycode) form, as links need it', () => {
    expect(parseSiteUrl('https://メモ.example', '--site-url')).toMatch(/^https:\/\/xn--[a-z0-9-]+\.example\/$/);
  });

  it.each([
    ['notes.example.org', /must be an absolute http\(s\) URL/],
    ['', /must be an absolute http\(s\) URL/],
    ['//notes.example.org', /must be an absolute http\(s\) URL/],
    ['javascript:alert(1)', /must start with https:\/\//],
    ['ftp://notes.example.org', /must start with https:\/\//],
    ['https://user:pw@notes.example.org', /user name or password/],
    ['https://notes.example.org/?x=1', /query or fragment/],
    ['https://notes.example.org/#top', /query or fragment/],
    ['https://notes.example.org/?', /query or fragment/],
    ['https://notes.example.org/memo/', /root of the host/],
  ])('rejects %j', (text, message) => {
    expect(() => parseSiteUrl(text, '--site-url')).toThrow(DeployError);
    expect(() => parseSiteUrl(text, '--site-url')).toThrow(message);
  });
});

describe('resolveSiteUrl', () => {
  it('takes the flag or SITE_URL first, then the stack, else nothing', () => {
    expect(resolveSiteUrl({ value: 'https://a.example', from: '--site-url' }, 'https://b.example/')).toEqual({
      url: 'https://a.example/',
      from: '--site-url',
    });
    expect(resolveSiteUrl({ from: 'SITE_URL' }, 'https://b.example/')).toEqual({
      url: 'https://b.example/',
      from: 'the stack output SiteUrl',
    });
    expect(resolveSiteUrl({ from: 'SITE_URL' }, undefined)).toBeUndefined();
  });
});

describe('checkBuiltFor (--skip-build)', () => {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
  const builtFor = async (canonical: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'built-for-'));
    made.push(dir);
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'index.html'),
      `<!doctype html><link rel="canonical" href="${canonical}"><title>x</title>`,
    );
    return dir;
  };

  it('accepts a build made for the target', async () => {
    const dir = await builtFor('https://notes.example.org/');
    await expect(
      checkBuiltFor(dir, { url: 'https://notes.example.org/', from: '--site-url' }),
    ).resolves.toBeUndefined();
  });

  it('refuses a build made for another URL, saying both', async () => {
    const dir = await builtFor(PLACEHOLDER_SITE_URL);
    await expect(
      checkBuiltFor(dir, { url: 'https://notes.example.org/', from: 'the stack output SiteUrl' }),
    ).rejects.toThrow(
      /was built for https:\/\/aws-memo\.example\.com\/, but the site is served at https:\/\/notes\.example\.org\/ \(the stack output SiteUrl\)\. Run without --skip-build/,
    );
  });

  it('refuses a placeholder build when the target URL is unknown', async () => {
    const dir = await builtFor(PLACEHOLDER_SITE_URL);
    await expect(checkBuiltFor(dir, undefined)).rejects.toThrow(/built with the placeholder site URL/);
    await expect(checkBuiltFor(await builtFor('https://mine.example/'), undefined)).resolves.toBeUndefined();
  });
});
