/**
 * The built site's files for AI assistants (llmstxt.org): `/llms.txt` names the site and lists
 * every note by category as the home page does, each linking to `/notes/<id>.md`, which holds the
 * note's source as the author wrote it under a frontmatter of title and URL. (Drafts and books:
 * tests/build/zenn-cli.test.ts.)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { SITE_DESCRIPTION, SITE_TITLE } from '../../src/consts.ts';
import { siteConfig } from '../../src/site-config.ts';
import { assertBuilt, distDir } from '../support/dist.ts';
import { expectAssistantFiles, readLlmsTxt } from '../support/llms-txt.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
beforeAll(() => assertBuilt());

test('/llms.txt starts with the site’s title and description', async () => {
  const llms = readLlmsTxt(await readFile(join(distDir, 'llms.txt'), 'utf8'));
  expect(llms.title).toBe(SITE_TITLE);
  expect(llms.summary).toBe(SITE_DESCRIPTION);
  expect(llms.details.join('')).toContain('Markdown');
});

test('/llms.txt lists every note by category as the home page does, each linking to its own text in Markdown', async () => {
  await expectAssistantFiles({ dist: distDir, content: join(projectRoot, 'content'), siteUrl: siteConfig.siteUrl });
});

test('every note page names its Markdown for assistants and has the 「Markdownをコピー」 button for it, outside the search index', async () => {
  const html = await readFile(join(distDir, 'notes', 'iam', 'index.html'), 'utf8');
  expect(html).toContain('<link rel="alternate" type="text/markdown" href="/notes/iam.md">');
  const button = /<p class="note-actions" data-pagefind-ignore[^>]*><button([^>]*)>Markdownをコピー<\/button>/.exec(
    html,
  );
  expect(button?.[1]).toContain('data-markdown="/notes/iam.md"');
  expect(button?.[1]).toMatch(/data-module="\/_astro\/copy-markdown\.[\w]+\.js"/);
});
