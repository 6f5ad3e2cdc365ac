import type { Browser } from 'playwright-core';
import { chromiumArgs, chromiumExecutable, launchChromium as launch } from '../../src/markdown/mermaid/chromium.ts';

/** Debian's Chromium; `.ci/run` installs it. Playwright's own browser download is not used. */
export const chromiumPath = chromiumExecutable();
export { chromiumArgs };

export const launchChromium = (): Promise<Browser> => launch();
