import { describe, expect, test } from 'vitest';
import {
  PLACEHOLDER_SITE_URL,
  noteIdOfPath,
  notePath,
  pageUrlOf,
  readSiteConfig,
  topicPath,
} from '../../src/site-config.ts';

describe('site configuration from the environment', () => {
  test('defaults: the placeholder URL (flagged), no edit links, branch main, notes in content/', () => {
    expect(readSiteConfig({})).toEqual({
      siteUrl: PLACEHOLDER_SITE_URL,
      siteUrlIsPlaceholder: true,
      repoUrl: undefined,
      repoBranch: 'main',
      contentDir: 'content',
      strict: false,
    });
    expect(readSiteConfig({ SITE_URL: '  ', REPO_URL: '', REPO_BRANCH: ' ' })).toMatchObject({
      siteUrlIsPlaceholder: true,
      repoUrl: undefined,
      repoBranch: 'main',
    });
  });

  test('NOTES_STRICT=1 makes problems shown in place stop the build; anything but 0 or 1 is refused', () => {
    expect(readSiteConfig({ NOTES_STRICT: '1' }).strict).toBe(true);
    expect(readSiteConfig({ NOTES_STRICT: '0' }).strict).toBe(false);
    expect(readSiteConfig({ NOTES_STRICT: ' ' }).strict).toBe(false);
    expect(() => readSiteConfig({ NOTES_STRICT: 'yes' })).toThrow('NOTES_STRICT must be 1');
  });

  test.each([
    ['https://notes.example.org', 'https://notes.example.org/'],
    ['https://notes.example.org/', 'https://notes.example.org/'],
    [' HTTPS://Notes.Example.org ', 'https://notes.example.org/'],
    ['http://127.0.0.1:4321', 'http://127.0.0.1:4321/'],
    ['https://d111111abcdef8.cloudfront.net/', 'https://d111111abcdef8.cloudfront.net/'],
  ])('SITE_URL %j is the site %s', (value, siteUrl) => {
    expect(readSiteConfig({ SITE_URL: value })).toMatchObject({ siteUrl, siteUrlIsPlaceholder: false });
  });

  test.each([
    ['notes.example.org', 'SITE_URL must be an absolute http(s) URL'],
    ['ftp://notes.example.org', 'SITE_URL must start with https://'],
    ['javascript:alert(1)', 'SITE_URL must start with https://'],
    ['https://user:pw@example.org/', 'SITE_URL must not contain a user name or password'],
    ['https://example.org/notes/', 'SITE_URL must be the root of the host'],
    ['https://example.org/?x=1', 'SITE_URL must not have a query or fragment'],
    ['https://example.org/#top', 'SITE_URL must not have a query or fragment'],
  ])('SITE_URL %j is refused: %s', (value, message) => {
    expect(() => readSiteConfig({ SITE_URL: value })).toThrow(message);
    expect(() => readSiteConfig({ SITE_URL: value })).toThrow(JSON.stringify(value));
  });

  test('REPO_URL loses its trailing slashes; REPO_BRANCH is kept; a bad REPO_URL is refused', () => {
    expect(readSiteConfig({ REPO_URL: 'https://github.com/o/r//', REPO_BRANCH: 'trunk' })).toMatchObject({
      repoUrl: 'https://github.com/o/r',
      repoBranch: 'trunk',
    });
    expect(() => readSiteConfig({ REPO_URL: 'github.com/o/r' })).toThrow('REPO_URL must be an http(s) URL');
  });
});

describe('the site’s URLs', () => {
  test.each([
    [notePath('iam'), '/notes/iam/'],
    [notePath('aws/iam'), '/notes/aws/iam/'],
    [topicPath('CI-CD'), '/topics/CI-CD/'],
    [topicPath('ログ'), '/topics/%E3%83%AD%E3%82%B0/'],
    [pageUrlOf('index.html'), '/'],
    [pageUrlOf('notes/iam/index.html'), '/notes/iam/'],
    [pageUrlOf('404.html'), '/404.html'],
    [pageUrlOf('pagefind/pagefind.js'), '/pagefind/pagefind.js'],
  ])('%s is %s', (actual, expected) => expect(actual).toBe(expected));

  test.each([
    ['/notes/iam/', 'iam'],
    ['/notes/iam', 'iam'],
    ['/notes/iam/#ポリシー', 'iam'],
    ['/notes/iam/?pf=x', 'iam'],
    ['/notes/aws/iam/', 'aws/iam'],
    ['/notes/%E8%AA%8D%E8%A8%BC/', '認証'],
    ['/notes/', undefined],
    ['/topics/iam/', undefined],
    ['#iam', undefined],
    ['https://example.com/notes/iam/', undefined],
    ['/notes/%E0%A4%A/', undefined],
  ])('the note of %s is %s', (path, id) => expect(noteIdOfPath(path)).toBe(id));
});
