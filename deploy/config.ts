/**
 * Where to deploy: flags first, then environment variables, then the CDK stack's outputs (after a
 * `cdk deploy`, or read with CloudFormation DescribeStacks). Parsing and resolution are pure or
 * take their I/O as arguments, so they are unit-tested.
 */
import { parseArgs } from 'node:util';
import { DeployError } from './deploy-error.ts';

/** The stack infra/app.ts defines; its outputs carry these keys. */
export const DEFAULT_STACK = 'AwsMemoNotesSite';
export const OUTPUT_KEYS = {
  bucket: 'BucketName',
  distributionId: 'DistributionId',
  region: 'Region',
  siteUrl: 'SiteUrl',
} as const;

export interface DeployFlags {
  bucket?: string;
  distributionId?: string;
  region?: string;
  endpoint?: string;
  stack: string;
  dist: string;
  /** The public URL the build names (canonical, Open Graph, sitemap); see site-url.ts. */
  siteUrl?: string;
  /** Which of --site-url or SITE_URL gave siteUrl. */
  siteUrlFrom: string;
  /** Publish dist/ as it is instead of building it for the site's URL first. */
  skipBuild: boolean;
  dryRun: boolean;
  prune: boolean;
  allowMassDelete: boolean;
  force: boolean;
  invalidate: boolean;
  /** Do not run `cdk deploy`; read the existing stack's outputs instead. */
  skipInfra: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run deploy -- [options]

Without --bucket, first runs \`cdk deploy\` (creates or updates the stack) and reads the bucket,
distribution and site URL from the stack's outputs; then builds the site for that URL into
--dist and publishes it.

  --bucket NAME           S3 bucket to publish to (env DEPLOY_BUCKET); skips cdk deploy
  --distribution-id ID    CloudFront distribution to invalidate (env DEPLOY_DISTRIBUTION_ID)
  --region REGION         AWS region of the stack and bucket (env AWS_REGION)
  --endpoint URL          S3-compatible endpoint, e.g. http://127.0.0.1:4568 (env DEPLOY_ENDPOINT); needs --bucket
  --stack NAME            CloudFormation stack name (env DEPLOY_STACK, default ${DEFAULT_STACK})
  --site-url URL          The site's public URL for canonical links and the sitemap (env SITE_URL;
                          default: the stack's custom domain, else its CloudFront domain)
  --dist DIR              Build folder (default dist)
  --skip-build            Publish --dist as it is (it must have been built for the site's URL)
  --skip-infra            Do not run cdk deploy; read the existing stack's outputs
  --dry-run               Print the plan only; changes nothing (implies --skip-infra)
  --prune                 Delete objects the build no longer has (always last)
  --allow-mass-delete     Let --prune remove over 10% of the pages, or pages when the build has no notes
  --force                 Upload every file even if unchanged (e.g. after cache rules changed)
  --invalidate            Invalidate /* even when nothing changed
  -h, --help              Show this help`;

export function parseFlags(argv: string[], env: NodeJS.ProcessEnv = {}): DeployFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        bucket: { type: 'string' },
        'distribution-id': { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        stack: { type: 'string' },
        dist: { type: 'string' },
        'site-url': { type: 'string' },
        'skip-build': { type: 'boolean' },
        'skip-infra': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        prune: { type: 'boolean' },
        'allow-mass-delete': { type: 'boolean' },
        force: { type: 'boolean' },
        invalidate: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new DeployError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const pick = (flag: string | undefined, variable: string | undefined) => (flag ?? variable)?.trim() || undefined;
  const flags: DeployFlags = {
    bucket: pick(values.bucket, env.DEPLOY_BUCKET),
    distributionId: pick(values['distribution-id'], env.DEPLOY_DISTRIBUTION_ID),
    region: pick(values.region, env.AWS_REGION ?? env.AWS_DEFAULT_REGION),
    endpoint: pick(values.endpoint, env.DEPLOY_ENDPOINT),
    stack: pick(values.stack, env.DEPLOY_STACK) ?? DEFAULT_STACK,
    dist: values.dist ?? 'dist',
    siteUrl: pick(values['site-url'], env.SITE_URL),
    siteUrlFrom: values['site-url']?.trim() ? '--site-url' : 'SITE_URL',
    skipBuild: values['skip-build'] ?? false,
    dryRun: values['dry-run'] ?? false,
    prune: values.prune ?? false,
    allowMassDelete: values['allow-mass-delete'] ?? false,
    force: values.force ?? false,
    invalidate: values.invalidate ?? false,
    skipInfra: values['skip-infra'] ?? false,
    help: values.help ?? false,
  };
  if (flags.endpoint && !flags.bucket) {
    throw new DeployError(
      '--endpoint needs --bucket: an S3-compatible store has no CloudFormation stack to read it from.',
    );
  }
  if (flags.endpoint && !/^https?:\/\//.test(flags.endpoint)) {
    throw new DeployError(`--endpoint must be an http(s) URL, got "${flags.endpoint}".`);
  }
  return flags;
}

/** How the bucket and distribution get known. */
export type TargetSource = 'flags' | 'stack-outputs' | 'cdk-deploy';

export function targetSource(flags: DeployFlags): TargetSource {
  if (flags.bucket) return 'flags';
  // A dry run must not change infrastructure, so it only reads the stack.
  if (flags.skipInfra || flags.dryRun) return 'stack-outputs';
  return 'cdk-deploy';
}

export interface Target {
  bucket: string;
  distributionId?: string;
  region?: string;
  endpoint?: string;
  /** The URL the stack serves (its SiteUrl output); none when the target came from flags. */
  siteUrl?: string;
  source: TargetSource;
}

/** Reads the stack outputs, as CloudFormation's {OutputKey, OutputValue} list or cdk's outputs file object. */
export function targetFromOutputs(
  outputs: Record<string, string | undefined> | Array<{ OutputKey?: string; OutputValue?: string }>,
  stack: string,
): Omit<Target, 'source'> {
  const map: Record<string, string | undefined> = Array.isArray(outputs)
    ? Object.fromEntries(outputs.map((o) => [o.OutputKey ?? '', o.OutputValue]))
    : outputs;
  const bucket = map[OUTPUT_KEYS.bucket];
  if (!bucket) {
    throw new DeployError(
      `Stack ${stack} has no ${OUTPUT_KEYS.bucket} output. Deploy the stack first (\`npm run deploy\` without --skip-infra), or pass --bucket.`,
    );
  }
  return {
    bucket,
    distributionId: map[OUTPUT_KEYS.distributionId],
    region: map[OUTPUT_KEYS.region],
    siteUrl: map[OUTPUT_KEYS.siteUrl],
  };
}

export interface ResolveDeps {
  /** Runs `cdk deploy <stack> --outputs-file` and returns that file's parsed JSON. */
  cdkDeploy(stack: string, region: string | undefined): Promise<Record<string, Record<string, string>>>;
  /** CloudFormation DescribeStacks outputs of the stack. */
  describeStackOutputs(
    stack: string,
    region: string | undefined,
  ): Promise<Array<{ OutputKey?: string; OutputValue?: string }>>;
}

export async function resolveTarget(flags: DeployFlags, deps: ResolveDeps): Promise<Target> {
  const source = targetSource(flags);
  const fromFlags = { distributionId: flags.distributionId, region: flags.region, endpoint: flags.endpoint };
  if (source === 'flags') return { bucket: flags.bucket!, ...fromFlags, source };
  const outputs =
    source === 'cdk-deploy'
      ? ((await deps.cdkDeploy(flags.stack, flags.region))[flags.stack] ?? {})
      : await deps.describeStackOutputs(flags.stack, flags.region);
  const found = targetFromOutputs(outputs, flags.stack);
  // An explicit flag still wins over what the stack says.
  return {
    bucket: found.bucket,
    distributionId: flags.distributionId ?? found.distributionId,
    region: flags.region ?? found.region,
    siteUrl: found.siteUrl,
    source,
  };
}
