/**
 * What to do and where: flags first, then environment variables, then the CDK stack's outputs
 * (after a `cdk deploy`, or read with CloudFormation DescribeStacks). Parsing and resolution are
 * pure or take their I/O as arguments, so they are unit-tested.
 */
import { parseArgs } from 'node:util';
import { parseStackOptions, StackOptionError, type StackOptions } from '../infra/stack-options.ts';
import { DeployError } from './deploy-error.ts';
import { KVS_ARN } from './live-store.ts';
import { checkUser } from './password.ts';
import { DEFAULT_KEEP, RELEASE_ID } from './release.ts';

/** The stack infra/app.ts defines; its outputs carry these keys. */
export const DEFAULT_STACK = 'AwsMemoNotesSite';
const OUTPUT_KEYS = {
  bucket: 'BucketName',
  distributionId: 'DistributionId',
  region: 'Region',
  siteUrl: 'SiteUrl',
  keyValueStoreArn: 'KeyValueStoreArn',
  settings: 'DeploySettings',
} as const;

type Action = 'publish' | 'rollback' | 'releases' | 'set-password' | 'force-unlock';

export interface DeployFlags {
  action: Action;
  bucket?: string;
  distributionId?: string;
  region?: string;
  endpoint?: string;
  /** The CloudFront KeyValueStore that names the live release. */
  kvsArn?: string;
  /** A JSON file standing in for the KeyValueStore (with --endpoint). */
  kvsFile?: string;
  stack: string;
  dist: string;
  /** The public URL the build names (canonical, Open Graph, sitemap); see site-url.ts. */
  siteUrl?: string;
  /** Which of --site-url or SITE_URL gave siteUrl. */
  siteUrlFrom: string;
  /** Publish dist/ as it is instead of building it for the site's URL first. */
  skipBuild: boolean;
  /** With --rollback-to. */
  rollbackTo?: string;
  keep: number;
  user?: string;
  dryRun: boolean;
  prune: boolean;
  allowMassDelete: boolean;
  force: boolean;
  invalidate: boolean;
  /** Do not run `cdk deploy`; read the existing stack's outputs instead. */
  skipInfra: boolean;
  /** Stack settings given on this command line (the rest are kept from the stack). */
  infra: InfraFlags;
  help: boolean;
}

/** Stack options as flags: a value sets it, the `--public`/`--no-…` flags clear it. */
export interface InfraFlags {
  domain?: string;
  hostedZoneId?: string;
  hostedZoneName?: string;
  certificateArn?: string;
  githubRepo?: string;
  reuseGithubOidc?: boolean;
  private?: boolean;
  noDomain?: boolean;
  noGithubRepo?: boolean;
}

export const USAGE = `Usage: npm run deploy -- [options]

Without --bucket, first runs \`cdk deploy\` (creates or updates the stack) and reads the bucket,
KeyValueStore and site URL from the stack's outputs; then builds the site for that URL into
--dist, publishes it as a new release and makes that release live in one step.

  --bucket NAME           S3 bucket to publish to (env DEPLOY_BUCKET); skips cdk deploy
  --kvs-arn ARN           KeyValueStore naming the live release (env DEPLOY_KVS_ARN; from the stack)
  --distribution-id ID    CloudFront distribution, for --invalidate (env DEPLOY_DISTRIBUTION_ID)
  --region REGION         AWS region of the stack and bucket (env AWS_REGION)
  --endpoint URL          S3-compatible endpoint, e.g. http://127.0.0.1:4568 (env DEPLOY_ENDPOINT); needs --bucket
  --kvs-file PATH         JSON file standing in for the KeyValueStore, with --endpoint (env DEPLOY_KVS_FILE)
  --stack NAME            CloudFormation stack name (env DEPLOY_STACK, default ${DEFAULT_STACK})
  --site-url URL          The site's public URL for canonical links and the sitemap (env SITE_URL;
                          default: the stack's custom domain, else its CloudFront domain)
  --dist DIR              Build folder (default dist)
  --skip-build            Publish --dist as it is (it must have been built for the site's URL)
  --keep N                Releases to keep, the live one included (default ${DEFAULT_KEEP})
  --dry-run               Print the plan only; changes nothing (implies --skip-infra)
  --prune                 Also delete what no kept release uses (old flat layout, unfinished releases)
  --allow-mass-delete     Let a release go live without over 10% of the live pages, or without notes
  --force                 Upload every file even if the bucket has it (e.g. after cache rules changed)
  --invalidate            Also invalidate /* on the distribution (a switch never needs it)
  --skip-infra            Do not run cdk deploy; read the existing stack's outputs

  --releases              List the releases (id, time, commit, pages, which is live)
  --rollback              Make the release before the live one live again
  --rollback-to ID        Make release ID live
  --set-password          Set the private site's password from a prompt or standard input
  --user NAME             User name for --set-password (default reader)
  --force-unlock          Remove the deploy lock a killed deploy left (says whose it was)

Stack settings (kept from the stack when not given):
  --domain HOST           Custom domain, e.g. notes.example.org (env DEPLOY_DOMAIN)
  --hosted-zone-id ID     Route 53 zone for its certificate and A/AAAA records (env DEPLOY_HOSTED_ZONE_ID)
  --hosted-zone-name NAME That zone's name, e.g. example.org (env DEPLOY_HOSTED_ZONE_NAME)
  --certificate-arn ARN   An existing us-east-1 certificate instead; no DNS records (env DEPLOY_CERTIFICATE_ARN)
  --no-domain             Remove the custom domain
  --github-repo OWNER/NAME  Deploy role for GitHub Actions on that repository's main branch (env DEPLOY_GITHUB_REPO)
  --reuse-github-oidc     The account has GitHub's OIDC provider already
  --no-github-repo        Remove the deploy role
  --private               Basic authentication for the whole site (set the password with --set-password)
  --public                Remove it
  -h, --help              Show this help`;

const positiveInteger = (text: string, name: string) => {
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1)
    throw new DeployError(`${name} must be a whole number from 1 to 999, got "${text}".`);
  return Number(text);
};

export function parseFlags(argv: string[], env: NodeJS.ProcessEnv = {}): DeployFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        bucket: { type: 'string' },
        'kvs-arn': { type: 'string' },
        'kvs-file': { type: 'string' },
        'distribution-id': { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        stack: { type: 'string' },
        dist: { type: 'string' },
        'site-url': { type: 'string' },
        'skip-build': { type: 'boolean' },
        keep: { type: 'string' },
        releases: { type: 'boolean' },
        rollback: { type: 'boolean' },
        'rollback-to': { type: 'string' },
        'set-password': { type: 'boolean' },
        user: { type: 'string' },
        'force-unlock': { type: 'boolean' },
        'skip-infra': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        prune: { type: 'boolean' },
        'allow-mass-delete': { type: 'boolean' },
        force: { type: 'boolean' },
        invalidate: { type: 'boolean' },
        domain: { type: 'string' },
        'hosted-zone-id': { type: 'string' },
        'hosted-zone-name': { type: 'string' },
        'certificate-arn': { type: 'string' },
        'no-domain': { type: 'boolean' },
        'github-repo': { type: 'string' },
        'reuse-github-oidc': { type: 'boolean' },
        'no-github-repo': { type: 'boolean' },
        private: { type: 'boolean' },
        public: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // One line: what was wrong and where to look.
    throw new DeployError(`${(error as Error).message.split('\n')[0]} (npm run deploy -- --help lists the options)`);
  }
  const pick = (flag: string | undefined, variable: string | undefined) => (flag ?? variable)?.trim() || undefined;
  const actions = (
    [
      ['releases', values.releases],
      ['rollback', values.rollback || values['rollback-to'] !== undefined],
      ['set-password', values['set-password']],
      ['force-unlock', values['force-unlock']],
    ] as const
  ).filter(([, on]) => on);
  if (actions.length > 1 || (values.rollback && values['rollback-to'] !== undefined)) {
    throw new DeployError(
      'Use one of --releases, --rollback, --rollback-to, --set-password and --force-unlock at a time.',
    );
  }
  if (values.private && values.public) throw new DeployError('--private and --public contradict each other.');
  if (values['no-domain'] && (values.domain || values['hosted-zone-id'] || values['certificate-arn'])) {
    throw new DeployError('--no-domain contradicts --domain, --hosted-zone-id and --certificate-arn.');
  }
  if (values['no-github-repo'] && values['github-repo']) {
    throw new DeployError('--no-github-repo contradicts --github-repo.');
  }
  if (values.user !== undefined && !values['set-password']) throw new DeployError('--user goes with --set-password.');

  const flags: DeployFlags = {
    action: actions[0]?.[0] ?? 'publish',
    bucket: pick(values.bucket, env.DEPLOY_BUCKET),
    kvsArn: pick(values['kvs-arn'], env.DEPLOY_KVS_ARN),
    kvsFile: pick(values['kvs-file'], env.DEPLOY_KVS_FILE),
    distributionId: pick(values['distribution-id'], env.DEPLOY_DISTRIBUTION_ID),
    region: pick(values.region, env.AWS_REGION ?? env.AWS_DEFAULT_REGION),
    endpoint: pick(values.endpoint, env.DEPLOY_ENDPOINT),
    stack: pick(values.stack, env.DEPLOY_STACK) ?? DEFAULT_STACK,
    dist: values.dist ?? 'dist',
    siteUrl: pick(values['site-url'], env.SITE_URL),
    siteUrlFrom: values['site-url']?.trim() ? '--site-url' : 'SITE_URL',
    skipBuild: values['skip-build'] ?? false,
    rollbackTo: values['rollback-to']?.trim(),
    keep: values.keep === undefined ? DEFAULT_KEEP : positiveInteger(values.keep, '--keep'),
    user: values.user === undefined ? undefined : checkUser(values.user),
    dryRun: values['dry-run'] ?? false,
    prune: values.prune ?? false,
    allowMassDelete: values['allow-mass-delete'] ?? false,
    force: values.force ?? false,
    invalidate: values.invalidate ?? false,
    skipInfra: values['skip-infra'] ?? false,
    infra: {
      domain: values.domain,
      hostedZoneId: values['hosted-zone-id'],
      hostedZoneName: values['hosted-zone-name'],
      certificateArn: values['certificate-arn'],
      githubRepo: values['github-repo'],
      reuseGithubOidc: values['reuse-github-oidc'],
      private: values.private ? true : values.public ? false : undefined,
      noDomain: values['no-domain'],
      noGithubRepo: values['no-github-repo'],
    },
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
  if (flags.kvsArn && !KVS_ARN.test(flags.kvsArn)) {
    throw new DeployError(`--kvs-arn must be a CloudFront KeyValueStore ARN, got "${flags.kvsArn}".`);
  }
  if (flags.kvsArn && flags.kvsFile) throw new DeployError('--kvs-arn and --kvs-file are alternatives; give one.');
  if (flags.rollbackTo !== undefined && !RELEASE_ID.test(flags.rollbackTo)) {
    throw new DeployError(
      `--rollback-to needs a release id such as 20261128T120000Z-3f2a9c1b, got "${flags.rollbackTo}".`,
    );
  }
  return flags;
}

/**
 * The stack settings for `cdk deploy`: what this command line says, else what the stack was made
 * with (its DeploySettings output), so forgetting `--private` once never opens a private site.
 */
export function mergeStackOptions(flags: InfraFlags, current: Partial<StackOptions> | undefined): StackOptions {
  const base = current ?? {};
  const domainGiven = flags.domain !== undefined || flags.noDomain;
  const merged = {
    domain: domainGiven ? flags.domain : base.domain,
    hostedZoneId: domainGiven ? flags.hostedZoneId : (flags.hostedZoneId ?? base.hostedZoneId),
    hostedZoneName: domainGiven ? flags.hostedZoneName : (flags.hostedZoneName ?? base.hostedZoneName),
    certificateArn: domainGiven ? flags.certificateArn : (flags.certificateArn ?? base.certificateArn),
    githubRepo: flags.noGithubRepo ? undefined : (flags.githubRepo ?? base.githubRepo),
    reuseGithubOidc: flags.noGithubRepo ? false : (flags.reuseGithubOidc ?? base.reuseGithubOidc),
    private: flags.private ?? base.private ?? false,
  };
  try {
    return parseStackOptions(merged);
  } catch (error) {
    if (error instanceof StackOptionError) throw new DeployError(error.message);
    throw error;
  }
}

/** Reads the DeploySettings output; an unreadable one counts as none. */
export function settingsFromOutputs(
  outputs: Array<{ OutputKey?: string; OutputValue?: string }>,
): Partial<StackOptions> | undefined {
  const text = outputs.find((o) => o.OutputKey === OUTPUT_KEYS.settings)?.OutputValue;
  if (!text) return undefined;
  try {
    const data = JSON.parse(text);
    return data && typeof data === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}

/** How the bucket and KeyValueStore get known. */
export type TargetSource = 'flags' | 'stack-outputs' | 'cdk-deploy';

export function targetSource(flags: DeployFlags): TargetSource {
  if (flags.bucket) return 'flags';
  // A dry run and the release commands must not change infrastructure, so they only read the stack.
  if (flags.skipInfra || flags.dryRun || flags.action !== 'publish') return 'stack-outputs';
  return 'cdk-deploy';
}

export interface Target {
  bucket: string;
  distributionId?: string;
  region?: string;
  endpoint?: string;
  kvsArn?: string;
  kvsFile?: string;
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
    kvsArn: map[OUTPUT_KEYS.keyValueStoreArn],
    siteUrl: map[OUTPUT_KEYS.siteUrl],
  };
}

export interface ResolveDeps {
  /** Runs `cdk deploy <stack> --outputs-file` with the stack options, and returns that file's parsed JSON. */
  cdkDeploy(
    stack: string,
    region: string | undefined,
    options: StackOptions,
  ): Promise<Record<string, Record<string, string>>>;
  /** CloudFormation DescribeStacks outputs of the stack; an empty list when it does not exist and `missingOk`. */
  describeStackOutputs(
    stack: string,
    region: string | undefined,
    missingOk?: boolean,
  ): Promise<Array<{ OutputKey?: string; OutputValue?: string }>>;
}

export async function resolveTarget(flags: DeployFlags, deps: ResolveDeps): Promise<Target> {
  const source = targetSource(flags);
  const fromFlags = {
    distributionId: flags.distributionId,
    region: flags.region,
    endpoint: flags.endpoint,
    kvsArn: flags.kvsArn,
    kvsFile: flags.kvsFile,
  };
  let target: Target;
  if (source === 'flags') {
    target = { bucket: flags.bucket!, ...fromFlags, source };
  } else {
    let outputs: Record<string, string | undefined> | Array<{ OutputKey?: string; OutputValue?: string }>;
    if (source === 'cdk-deploy') {
      const current = settingsFromOutputs(await deps.describeStackOutputs(flags.stack, flags.region, true));
      const options = mergeStackOptions(flags.infra, current);
      outputs = (await deps.cdkDeploy(flags.stack, flags.region, options))[flags.stack] ?? {};
    } else {
      outputs = await deps.describeStackOutputs(flags.stack, flags.region);
    }
    const found = targetFromOutputs(outputs, flags.stack);
    // An explicit flag still wins over what the stack says.
    target = {
      bucket: found.bucket,
      distributionId: flags.distributionId ?? found.distributionId,
      region: flags.region ?? found.region,
      kvsArn: flags.kvsArn ?? found.kvsArn,
      siteUrl: found.siteUrl,
      source,
    };
  }
  if (!target.kvsArn && !target.kvsFile) {
    throw new DeployError(
      target.endpoint
        ? '--endpoint needs --kvs-file: a local S3-compatible server has no KeyValueStore to name the live release.'
        : '--bucket needs --kvs-arn (the stack output KeyValueStoreArn): the KeyValueStore names the live release.',
    );
  }
  return target;
}
