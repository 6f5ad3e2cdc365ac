/**
 * What to do and where: flags first, then environment variables, then the CDK stack's outputs
 * (after a `cdk deploy`, or read with CloudFormation DescribeStacks). Parsing and resolution are
 * pure or take their I/O as arguments, so they are unit-tested.
 */
import { parseArgs } from 'node:util';
import { booleanSetting, parseStackOptions, StackOptionError, type StackOptions } from '../infra/stack-options.ts';
import { STACK_OUTPUTS, stackNameProblem } from '../infra/stack-outputs.ts';
import { DeployError } from './deploy-error.ts';
import { defaultValue, DEPLOY_OPTIONS, envValue, parseArgsOptions, type OptionName } from './deploy-options.ts';
import { KVS_ARN } from './live-store.ts';
import { checkUser } from './password.ts';
import { RELEASE_ID } from './release.ts';

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

const positiveInteger = (text: string, name: string) => {
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1)
    throw new DeployError(`${name} must be a whole number from 1 to 999, got "${text}".`);
  return Number(text);
};

export function parseFlags(argv: string[], env: NodeJS.ProcessEnv = {}): DeployFlags {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: parseArgsOptions }));
  } catch (error) {
    // One line: what was wrong and where to look.
    throw new DeployError(`${(error as Error).message.split('\n')[0]} (npm run deploy -- --help lists the options)`);
  }
  /** A text option: the flag (even blank), else its environment variable; blank counts as not given. */
  const text = (name: OptionName & keyof typeof values) => {
    const flag = values[name];
    return typeof flag === 'string' ? flag.trim() || undefined : envValue(name, env)?.value;
  };
  /** A yes/no stack setting from its environment variable, for when its flags are not given. */
  const envSwitch = (name: OptionName, from: NodeJS.ProcessEnv) => {
    const found = envValue(name, from);
    try {
      return found && booleanSetting(found.value, found.variable);
    } catch (error) {
      throw new DeployError((error as Error).message);
    }
  };
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

  // --no-domain and --no-github-repo also set aside the environment's values of what they remove.
  const domainEnv = values['no-domain'] ? {} : env;
  const githubEnv = values['no-github-repo'] ? {} : env;
  const flags: DeployFlags = {
    action: actions[0]?.[0] ?? 'publish',
    bucket: text('bucket'),
    kvsArn: text('kvs-arn'),
    kvsFile: text('kvs-file'),
    distributionId: text('distribution-id'),
    region: text('region'),
    endpoint: text('endpoint'),
    stack: text('stack') ?? defaultValue('stack')!,
    dist: values.dist ?? defaultValue('dist')!,
    siteUrl: text('site-url'),
    siteUrlFrom: values['site-url']?.trim() ? '--site-url' : 'SITE_URL',
    skipBuild: values['skip-build'] ?? false,
    rollbackTo: values['rollback-to']?.trim(),
    keep: positiveInteger(values.keep ?? defaultValue('keep')!, '--keep'),
    user: values.user === undefined ? undefined : checkUser(values.user),
    dryRun: values['dry-run'] ?? false,
    prune: values.prune ?? false,
    allowMassDelete: values['allow-mass-delete'] ?? false,
    force: values.force ?? false,
    invalidate: values.invalidate ?? false,
    skipInfra: values['skip-infra'] ?? false,
    infra: {
      domain: values.domain ?? envValue('domain', domainEnv)?.value,
      hostedZoneId: values['hosted-zone-id'] ?? envValue('hosted-zone-id', domainEnv)?.value,
      hostedZoneName: values['hosted-zone-name'] ?? envValue('hosted-zone-name', domainEnv)?.value,
      certificateArn: values['certificate-arn'] ?? envValue('certificate-arn', domainEnv)?.value,
      githubRepo: values['github-repo'] ?? envValue('github-repo', githubEnv)?.value,
      reuseGithubOidc: values['reuse-github-oidc'] ?? envSwitch('reuse-github-oidc', githubEnv),
      private: values.private ? true : values.public ? false : envSwitch('private', env),
      noDomain: values['no-domain'],
      noGithubRepo: values['no-github-repo'],
    },
    help: values.help ?? false,
  };
  // A stack setting's flag asks for a stack change, so it is refused where no cdk deploy runs; its
  // variable only applies when one does (CI sets DEPLOY_BUCKET, and may set those beside it).
  const stackFlagGiven = DEPLOY_OPTIONS.some(
    (option) => option.section === 'stack' && values[option.flag] !== undefined,
  );
  if (stackFlagGiven && !flags.help && targetSource(flags) !== 'cdk-deploy') {
    throw new DeployError(
      'Stack settings (--domain, --private, --github-repo, …) change the stack: run without --bucket, --skip-infra, --dry-run and the release commands.',
    );
  }
  const badStackName = stackNameProblem(flags.stack);
  if (badStackName && !flags.bucket) throw new DeployError(`--stack: ${badStackName}`);
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
  const text = outputs.find((o) => o.OutputKey === STACK_OUTPUTS.settings)?.OutputValue;
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
  const bucket = map[STACK_OUTPUTS.bucket];
  if (!bucket) {
    throw new DeployError(
      `Stack ${stack} has no ${STACK_OUTPUTS.bucket} output. Deploy the stack first (\`npm run deploy\` without --skip-infra), or pass --bucket.`,
    );
  }
  return {
    bucket,
    distributionId: map[STACK_OUTPUTS.distributionId],
    region: map[STACK_OUTPUTS.region],
    kvsArn: map[STACK_OUTPUTS.keyValueStoreArn],
    siteUrl: map[STACK_OUTPUTS.siteUrl],
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
