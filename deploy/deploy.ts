/**
 * `npm run deploy`: create or update the stack with CDK (unless --bucket/--skip-infra), build the
 * site for the URL it is served at, publish the build as a new release and make it live in one
 * step; or list, roll back to, or protect releases. See docs/deploy.md.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { contextArgs, STACK_OPTION_VARIABLES } from '../infra/stack-options.ts';
import { STACK_NAME_CONTEXT } from '../infra/stack-outputs.ts';
import { parseFlags, resolveTarget, type ResolveDeps, type Target } from './config.ts';
import { USAGE } from './deploy-options.ts';
import { DeployError } from './deploy-error.ts';
import { invalidateAll } from './invalidate.ts';
import { cloudFrontKeyValueStore, fileKeyValueStore, type LiveStore } from './live-store.ts';
import { checkUser, credentialRecord, DEFAULT_USER, readNewPassword } from './password.ts';
import { progressPrinter } from './progress.ts';
import { forceUnlock, formatReleases, listReleases, publish, rollback, setPassword } from './publish.ts';
import { formatBytes } from './release.ts';
import { readStampedBuild } from './build-stamp.ts';
import { checkBuiltFor, resolveSiteUrl } from './site-url.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The environment every CDK CLI call gets: no update check, no telemetry, no notices. */
export const cdkEnv = { CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' } as const;

/**
 * The environment of `cdk deploy`: the stack settings go as context, as the deploy resolved them
 * (flags, then these variables, then the stack's), so the app must not read DEPLOY_DOMAIN & co.
 * for a setting left out: `--no-domain` would lose to DEPLOY_DOMAIN.
 */
export function cdkDeployEnv(env: NodeJS.ProcessEnv, region: string | undefined): NodeJS.ProcessEnv {
  const stackVariables = new Set<string>(Object.values(STACK_OPTION_VARIABLES));
  return {
    ...Object.fromEntries(Object.entries(env).filter(([name]) => !stackVariables.has(name))),
    ...cdkEnv,
    ...(region ? { AWS_REGION: region, CDK_DEFAULT_REGION: region } : {}),
  };
}

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
    return 'Create it with `npm run deploy` (without --skip-infra/--dry-run), or pass --bucket and --kvs-arn.';
  return 'Check the stack name (--stack), region and credentials, or pass --bucket and --kvs-arn.';
}

export interface MainDeps extends ResolveDeps {
  /** Builds the site into `dist` with SITE_URL set to `siteUrl` (`astro build --outDir`); its last step stamps it. */
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
  async cdkDeploy(stack, region, options) {
    const folder = await mkdtemp(join(tmpdir(), 'cdk-outputs-'));
    const outputsFile = join(folder, 'outputs.json');
    const env = cdkDeployEnv(process.env, region);
    try {
      await run(
        join(repoRoot, 'node_modules', '.bin', 'cdk'),
        [
          'deploy',
          // With a custom domain the certificate stack (us-east-1) goes first.
          '--all',
          '--context',
          `${STACK_NAME_CONTEXT}=${stack}`,
          ...contextArgs(options),
          '--require-approval',
          'never',
          '--no-notices',
          '--outputs-file',
          outputsFile,
        ],
        env,
      );
      return JSON.parse(await readFile(outputsFile, 'utf8'));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
  async describeStackOutputs(stack, region, missingOk = false) {
    const client = new CloudFormationClient(region ? { region } : {});
    try {
      const result = await client.send(new DescribeStacksCommand({ StackName: stack }));
      return result.Stacks?.[0]?.Outputs ?? [];
    } catch (error) {
      if (missingOk && /does not exist/i.test((error as Error).message)) return [];
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

export function liveStoreFor(target: Pick<Target, 'kvsArn' | 'kvsFile'>): LiveStore {
  if (target.kvsFile) return fileKeyValueStore(resolve(target.kvsFile));
  return cloudFrontKeyValueStore(target.kvsArn!);
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
    // Refuse a missing, failed, partial or altered build before touching any infrastructure.
    const prebuilt = flags.action === 'publish' && flags.skipBuild ? await readStampedBuild(dist) : undefined;
    const target = await resolveTarget(flags, deps);
    const s3 = s3ClientFor(target);
    const store = liveStoreFor(target);
    const clients = { s3, store };
    const where = `s3://${target.bucket}${target.endpoint ? ` at ${target.endpoint}` : ''}, live release in ${store.name}`;

    if (flags.action === 'force-unlock') {
      console.log(await forceUnlock(target.bucket, clients));
      return 0;
    }
    if (flags.action === 'releases') {
      console.log(formatReleases(await listReleases(target.bucket, clients)));
      return 0;
    }
    if (flags.action === 'set-password') {
      const user = checkUser(flags.user ?? DEFAULT_USER);
      // Asked before the lock is taken, so a deploy never waits on someone typing.
      const password = await readNewPassword();
      await setPassword(
        { bucket: target.bucket, record: credentialRecord(user, password), log: (line) => console.log(line) },
        clients,
      );
      console.log(
        `Password set for user "${user}" in ${store.name}. It applies at once to a private site (\`npm run deploy -- --private\` makes the site private).`,
      );
      return 0;
    }
    if (flags.action === 'rollback') {
      const started = Date.now();
      const report = await rollback(
        { bucket: target.bucket, to: flags.rollbackTo, dryRun: flags.dryRun, log: (line) => console.log(line) },
        clients,
      );
      if (report.switched) {
        console.log(
          `Release ${report.to} is live (was ${report.from ?? 'none'}), in ${((Date.now() - started) / 1000).toFixed(1)} s. CloudFront edges pick it up within seconds; no invalidation is needed.`,
        );
      }
      return 0;
    }

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
    // Only a build stamped by its own last step, and unchanged since, is published.
    const build = prebuilt ?? (await readStampedBuild(dist));
    console.log(
      `Deploying ${flags.dist}/ (built ${build.stamp.built}${build.stamp.commit ? ` from ${build.stamp.commit.slice(0, 12)}` : ''}) to ${where} (from ${target.source})`,
    );
    // Problems the pages show in place do not stop a deploy (NOTES_STRICT=1 makes the build stop on them).
    if (build.stamp.warnings)
      console.log(
        `Note: ${build.stamp.warnings} problem(s) are shown in place on their pages (listed at the end of the build); publishing anyway.`,
      );
    const started = Date.now();
    const report = await publish(
      {
        dist,
        bucket: target.bucket,
        keep: flags.keep,
        dryRun: flags.dryRun,
        prune: flags.prune,
        allowMassDelete: flags.allowMassDelete,
        force: flags.force,
        files: build.files,
        commit: build.stamp.commit,
        siteUrl: site?.url,
        log: (line) => console.log(line),
        onProgress: progressPrinter(process.stdout),
      },
      clients,
    );
    if (report.dryRun) return 0;
    if (flags.invalidate) {
      if (!target.distributionId) throw new DeployError('--invalidate needs --distribution-id (or the stack).');
      // CloudFront's API lives in us-east-1 whatever the bucket's region.
      const id = await invalidateAll(new CloudFrontClient({ region: 'us-east-1' }), target.distributionId, 900);
      console.log(`Invalidated /* (${id}).`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const { plan } = report;
    console.log(
      plan.same
        ? `Done in ${seconds} s: nothing changed; release ${plan.id} ${report.switched ? 'is live again' : 'is live'}` +
            (report.deleted.length ? `, deleted ${report.deleted.length} old object(s)` : '') +
            '.'
        : `Done in ${seconds} s: release ${plan.id} is live (was ${report.previous ?? 'none'}); uploaded ${report.uploaded.length} file(s) ` +
            `(${formatBytes(report.uploadedBytes)}), copied ${report.copied} unchanged, deleted ${report.cleanup?.releases.length ?? 0} old release(s) ` +
            `(${report.deleted.length} object(s)).`,
    );
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
