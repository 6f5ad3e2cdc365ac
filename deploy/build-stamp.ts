/**
 * What a build holds, and whether it is whole. The build's very last step
 * (src/integrations/build-stamp.ts) writes `dist/build-stamp.json` only when every step before it
 * succeeded. The deploy publishes only a stamped folder whose files still hash to its stamp, so
 * the output of a failed build (pages without `sw.js`, a half-written search index) or a folder
 * edited after its build never goes live. The stamp itself is never uploaded.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BUILD_STAMP,
  contentHash,
  listBuildFiles,
  type BuildFile,
  type BuildStamp,
} from '../src/integrations/build-stamp.ts';
import { DeployError } from './deploy-error.ts';
import { ERROR_PAGE } from './release.ts';

export { BUILD_STAMP };

/**
 * Every file of the build in `dir` but the stamp, with its MD5, sorted by key. Refuses a missing
 * or empty build, or one without index.html or 404.html, before anything talks to AWS.
 */
export async function scanDist(dir: string): Promise<BuildFile[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new DeployError(`No build at ${dir}. Run \`npm run build\` first, then deploy again.`);
  }
  const files = await listBuildFiles(dir);
  if (files.length === 0) {
    throw new DeployError(
      `The build at ${dir} is empty. Run \`npm run build\` and check it succeeded, then deploy again.`,
    );
  }
  for (const page of ['index.html', ERROR_PAGE]) {
    if (!files.some((file) => file.key === page)) {
      throw new DeployError(
        `The build at ${dir} has no ${page}, so it is not a complete site. Run \`npm run build\` and check it succeeded, then deploy again.`,
      );
    }
  }
  return files;
}

const rebuild =
  'Build it again (`npm run build`, or the deploy without --skip-build) and check that the build succeeds.';

function parseStamp(text: string, path: string): BuildStamp {
  let data: Partial<BuildStamp> | undefined;
  try {
    data = JSON.parse(text);
  } catch {
    // falls through to the refusal
  }
  if (
    !data ||
    data.version !== 1 ||
    typeof data.siteUrl !== 'string' ||
    (data.commit !== undefined && typeof data.commit !== 'string') ||
    typeof data.built !== 'string' ||
    !Number.isSafeInteger(data.files) ||
    typeof data.hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(data.hash)
  ) {
    throw new DeployError(`${path} is not a build stamp. ${rebuild}`);
  }
  return data as BuildStamp;
}

/**
 * The build in `dir`, if it is whole: stamped by a build that succeeded, and unchanged since.
 * Refuses, saying why, a folder without a stamp (the build failed or never finished) or whose
 * files no longer hash to it (edited, added to or half-overwritten after the build).
 */
export async function readStampedBuild(dir: string): Promise<{ stamp: BuildStamp; files: BuildFile[] }> {
  const files = await scanDist(dir);
  const path = join(dir, BUILD_STAMP);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) {
    throw new DeployError(
      `${dir} has no ${BUILD_STAMP}: the build that made it failed or did not finish, so it is not published. ${rebuild}`,
    );
  }
  const stamp = parseStamp(text, path);
  if (stamp.files !== files.length || stamp.hash !== contentHash(files)) {
    throw new DeployError(
      `${dir} changed after it was built (${stamp.built}${stamp.commit ? `, commit ${stamp.commit.slice(0, 12)}` : ''}): ` +
        `it has ${files.length} file(s), the build made ${stamp.files}${stamp.files === files.length ? ' with other contents' : ''}. ` +
        `Nothing was published. ${rebuild}`,
    );
  }
  return { stamp, files };
}
