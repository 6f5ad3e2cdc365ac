/**
 * src/integrations/build-stamp.ts: when a build unstamps dist/. Only a real build may: tools that
 * only read the config (knip loads vitest.config.ts, whose getViteConfig runs the config hooks
 * with command "build") used to remove the stamp of a good build, and the deploy then refused it.
 */
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BUILD_STAMP, buildStamp } from '../../src/integrations/build-stamp.ts';
import { ContentWarnings } from '../../src/markdown/content-warnings.ts';

let root: string;
const stampPath = () => join(root, 'dist', BUILD_STAMP);
const stamped = () =>
  access(stampPath()).then(
    () => true,
    () => false,
  );

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'build-stamp-'));
  await mkdir(join(root, 'dist'));
  await writeFile(stampPath(), '{"version":1}\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** Runs one hook of the integration as Astro would, with the config fields it reads. */
async function runHook(integration: AstroIntegration, hook: keyof AstroIntegration['hooks'], params: object) {
  const run = integration.hooks[hook] as ((params: object) => unknown) | undefined;
  await run?.(params);
}

describe('the build stamp is removed only when a build starts', () => {
  const config = () => ({
    root: pathToFileURL(`${root}/`),
    outDir: pathToFileURL(join(root, 'dist/')),
    site: 'https://notes.example.org/',
    integrations: [{ name: 'aws-memo:build-stamp' }],
  });

  test('reading the config as a build (knip, getViteConfig) leaves the stamp of the last build', async () => {
    const integration = buildStamp({ warnings: new ContentWarnings(false) });
    await runHook(integration, 'astro:config:setup', { command: 'build', config: config() });
    await runHook(integration, 'astro:config:done', { config: config() });
    expect(await stamped()).toBe(true);
  });

  test('a build that starts unstamps dist/ before it writes anything', async () => {
    const integration = buildStamp({ warnings: new ContentWarnings(false) });
    await runHook(integration, 'astro:config:setup', { command: 'build', config: config() });
    await runHook(integration, 'astro:config:done', { config: config() });
    await runHook(integration, 'astro:build:start', {});
    expect(await stamped()).toBe(false);
  });
});
