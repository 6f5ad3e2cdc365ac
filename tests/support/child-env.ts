/** What Vitest puts into the environment (its `import.meta.env`, mirrored) that a build must not see. */
const vitestVariables = ['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST'];

/**
 * The environment for a command a test runs (`astro build`, `npm run deploy`, …): this process's,
 * without what Vitest adds. Astro keeps a NODE_ENV it finds, so a build run with `NODE_ENV=test`
 * would be a development build, not the one a reader gets.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
  for (const name of Object.keys(env))
    if (vitestVariables.includes(name) || name.startsWith('VITEST')) delete env[name];
  return env;
}
