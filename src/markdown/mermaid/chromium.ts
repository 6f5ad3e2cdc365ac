import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Browser } from 'playwright-core';

/**
 * Debian's Chromium, driven through `playwright-core` (never Playwright's own browser download):
 * the build draws Mermaid diagrams in it, and the browser tests read pages with it.
 */
export const chromiumExecutable = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The flags this machine needs: no sandbox as root, and no background calls to the outside. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** What to do when Chromium is not there: the same advice as `tools/ensure-chromium.sh`. */
const installChromium =
  "install it with 'sudo apt-get install -y chromium fonts-noto-cjk' (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary";

/**
 * Chromium, launched headless. `purpose` says in the error what needed it, for a reader who did
 * not know the build starts a browser.
 */
export async function launchChromium(purpose = 'the browser tests'): Promise<Browser> {
  const executablePath = chromiumExecutable();
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new Error(`Chromium is needed for ${purpose} but there is none at ${executablePath}: ${installChromium}.`);
  }
  // Loaded here: a build without diagrams never loads Playwright.
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath, args: chromiumArgs });
  } catch (error) {
    throw new Error(`Chromium at ${executablePath} did not start for ${purpose}: ${installChromium}.`, {
      cause: error,
    });
  }
}
