/**
 * `npm run deploy`: create or update the stack with CDK (unless --bucket/--skip-infra), build the
 * site for the URL it is served at, then publish the build to its bucket and invalidate its
 * distribution. See docs/deploy.md.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { parseFlags, resolveTarget, USAGE, type ResolveDeps, type Target } from './config.ts';
import { checkBuiltFor, resolveSiteUrl } from './site-url.ts';
import { DeployError } from './deploy-error.ts';
import { formatBytes } from './plan.ts';
import { runDeploy, scanDist, type ProgressEvent } from './s3-sync.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The environment every CDK CLI call gets: no update check, no telemetry, no notices. */
export const cdkEnv = { CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' } as const;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code, signal) =>
      code === 0
        ? done()
        : fail(
            new DeployError(
              `\`${[command, ...args].map((arg) => arg.replace(`${repoRoot}/`, '')).join(' ')}\` failed (${signal ?? `exit ${code}`}); nothing was published. Fix the error above and run the deploy again.`,
            ),
          ),
    );
  });
}

/** What to do about the usual reasons an AWS call fails before it reaches the stack. */
export function awsHint(error: unknown): string {
  const text = `${(error as Error)?.name} ${(error as Error)?.message}`;
  if (/region is missing/i.test(text)) return 'Set AWS_REGION (or `aws configure`), or pass --region.';
  if (/credential|ExpiredToken|security token/i.test(text)) {
    return 'Configure AWS credentials first: `aws configure`, `aws sso login --profile NAME` with AWS_PROFILE=NAME, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.';
  }
  if (/does not exist/i.test(text))
    return 'Create it with `npm run deploy` (without --skip-infra/--dry-run), or pass --bucket and --distribution-id.';
  return 'Check the stack name (--stack), region and credentials, or pass --bucket and --distribution-id.';
}

export interface MainDeps extends ResolveDeps {
  /** Builds the site into `dist` with SITE_URL set to `siteUrl` (`astro build --outDir`). */
  build(dist: string, siteUrl: string): Promise<void>;
}

const awsDeps: MainDeps = {
  async build(dist, siteUrl) {
    await run(join(repoRoot, 'node_modules', '.bin', 'astro'), ['build', '--outDir', dist], {
      ...process.env,
      SITE_URL: siteUrl,
      ASTRO_TELEMETRY_DISABLED: '1',
    });
  },
  async cdkDeploy(stack, region) {
    const folder = await mkdtemp(join(tmpdir(), 'cdk-outputs-'));
    const outputsFile = join(folder, 'outputs.json');
    const env = { ...process.env, ...cdkEnv, ...(region ? { AWS_REGION: region, CDK_DEFAULT_REGION: region } : {}) };
    try {
      await run(
        join(repoRoot, 'node_modules', '.bin', 'cdk'),
        ['deploy', stack, '--require-approval', 'never', '--no-notices', '--outputs-file', outputsFile],
        env,
      );
      return JSON.parse(await readFile(outputsFile, 'utf8'));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
  async describeStackOutputs(stack, region) {
    const client = new CloudFormationClient(region ? { region } : {});
    try {
      const result = await client.send(new DescribeStacksCommand({ StackName: stack }));
      return result.Stacks?.[0]?.Outputs ?? [];
    } catch (error) {
      throw new DeployError(`Could not read stack ${stack}: ${(error as Error).message}. ${awsHint(error)}`);
    } finally {
      client.destroy();
    }
  },
};

export function s3ClientFor(target: Pick<Target, 'region' | 'endpoint'>, extra: S3ClientConfig = {}): S3Client {
  return new S3Client({
    ...extra,
    region: target.region ?? (target.endpoint ? 'us-east-1' : undefined),
    ...(target.endpoint
      ? {
          endpoint: target.endpoint,
          forcePathStyle: true,
          // S3-compatible stores often do not know the SDK's default CRC checksums; Content-MD5 still guards uploads.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
}

/** Progress on one line in a terminal; in CI or a log, a line every tenth of the files. */
function progressPrinter(stream: NodeJS.WriteStream): (event: ProgressEvent) => void {
  let lastTenth = -1;
  return (event) => {
    if (event.type === 'phase') {
      if (stream.isTTY) stream.write('\n');
      stream.write(`Uploading ${event.name}: ${event.files} file(s), ${formatBytes(event.bytes)}\n`);
    } else if (event.type === 'uploaded') {
      const line = `  ${event.done}/${event.total} files, ${formatBytes(event.doneBytes)}/${formatBytes(event.totalBytes)}`;
      const tenth = Math.floor((event.done / event.total) * 10);
      if (stream.isTTY) stream.write(`\r${line}  `);
      else if (tenth !== lastTenth || event.done === event.total) stream.write(`${line}\n`);
      lastTenth = tenth;
    } else if (event.type === 'invalidation') {
      stream.write(
        event.status === 'created'
          ? `${stream.isTTY ? '\n' : ''}Invalidating /* (${event.id}), waiting for CloudFront…\n`
          : 'Invalidation completed.\n',
      );
    } else if (event.type === 'deleted') {
      stream.write(`Deleted ${event.keys.length} stale object(s).\n`);
    }
  };
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  deps: MainDeps = awsDeps,
): Promise<number> {
  try {
    const flags = parseFlags(argv, env);
    if (flags.help) {
      console.log(USAGE);
      return 0;
    }
    const dist = resolve(flags.dist);
    // Refuse a missing, empty or partial build before touching any infrastructure.
    if (flags.skipBuild) await scanDist(dist);
    const target = await resolveTarget(flags, deps);
    const site = resolveSiteUrl({ value: flags.siteUrl, from: flags.siteUrlFrom }, target.siteUrl);
    if (flags.skipBuild) {
      await checkBuiltFor(dist, site);
      console.log(`Site URL: ${site ? `${site.url} (from ${site.from})` : 'not known; publishing the build as it is'}`);
    } else {
      if (!site) {
        throw new DeployError(
          'Cannot tell which URL the site is served from, so the canonical links and sitemap would name the placeholder: pass --site-url URL (or set SITE_URL).',
        );
      }
      console.log(`Site URL: ${site.url} (from ${site.from}); building ${flags.dist}/ for it…`);
      await deps.build(dist, site.url);
    }
    console.log(
      `Deploying ${flags.dist}/ to s3://${target.bucket}${target.endpoint ? ` at ${target.endpoint}` : ''}` +
        (target.distributionId ? `, CloudFront ${target.distributionId}` : '') +
        ` (from ${target.source})`,
    );
    const s3 = s3ClientFor(target);
    // CloudFront's API lives in us-east-1 whatever the bucket's region.
    const cloudFront = target.distributionId ? new CloudFrontClient({ region: 'us-east-1' }) : undefined;
    const started = Date.now();
    const report = await runDeploy(
      {
        dist,
        bucket: target.bucket,
        distributionId: target.distributionId,
        dryRun: flags.dryRun,
        prune: flags.prune,
        allowMassDelete: flags.allowMassDelete,
        force: flags.force,
        invalidate: flags.invalidate,
        log: (line) => console.log(line),
        onProgress: progressPrinter(process.stdout),
      },
      { s3, cloudFront },
    );
    if (!report.dryRun) {
      console.log(
        `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: uploaded ${report.uploaded.length} file(s) (${formatBytes(report.uploadedBytes)}), ` +
          `${report.plan.unchanged.length} unchanged, deleted ${report.deleted.length}` +
          (report.plan.stale.length && !flags.prune
            ? `, ${report.plan.stale.length} stale kept (--prune deletes them)`
            : '') +
          '.',
      );
    }
    return 0;
  } catch (error) {
    const message =
      error instanceof DeployError ? error.message : `Deploy failed: ${(error as Error)?.stack ?? String(error)}`;
    console.error(`\n${message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
