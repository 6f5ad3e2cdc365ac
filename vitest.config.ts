/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Astro's Vite config, so tests can import `.astro` components and `.mdx` notes and render them
// through the same Markdown pipeline as the site.
export default getViteConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser and build tests start Chromium and servers: keep the machine's two cores for them.
    fileParallelism: false,
  },
});
