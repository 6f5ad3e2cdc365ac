/**
 * The stack's optional features, validated in one place for the CDK app (context `-c name=value`
 * or environment variables) and for `npm run deploy` (flags). Plain data; no AWS calls, no
 * lookups, so `cdk synth` stays offline with or without a custom domain.
 */

export interface StackOptions {
  /** Custom domain, e.g. notes.example.org. */
  domain?: string;
  /** Route 53 zone that holds the domain: a DNS-validated certificate and A/AAAA alias records are made in it. */
  hostedZoneId?: string;
  hostedZoneName?: string;
  /** An existing certificate (us-east-1) instead: no DNS records are made. */
  certificateArn?: string;
  /** `owner/name`: a deploy role its `main` branch can assume through GitHub's OIDC provider. */
  githubRepo?: string;
  /** The account has GitHub's OIDC provider already (one per account): reuse it instead of creating it. */
  reuseGithubOidc: boolean;
  /** HTTP Basic authentication at the edge for the whole site. */
  private: boolean;
}

/** Context key → environment variable, the names `cdk synth -c` and CI use (and `npm run deploy` reads). */
export const STACK_OPTION_VARIABLES = {
  domain: 'DEPLOY_DOMAIN',
  hostedZoneId: 'DEPLOY_HOSTED_ZONE_ID',
  hostedZoneName: 'DEPLOY_HOSTED_ZONE_NAME',
  certificateArn: 'DEPLOY_CERTIFICATE_ARN',
  githubRepo: 'DEPLOY_GITHUB_REPO',
  reuseGithubOidc: 'DEPLOY_REUSE_GITHUB_OIDC',
  private: 'DEPLOY_PRIVATE',
} as const satisfies Record<keyof StackOptions, string>;

export type OptionInputs = Partial<Record<keyof StackOptions, string | boolean | undefined>>;

export class StackOptionError extends Error {}

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;
const GITHUB_REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

function text(value: string | boolean | undefined): string | undefined {
  if (value === undefined || value === false) return undefined;
  const trimmed = String(value).trim();
  return trimmed || undefined;
}

/** A yes/no setting as context or an environment variable gives it: true/1/yes, false/0/no, or nothing (false). */
export function booleanSetting(value: string | boolean | undefined, name: string): boolean {
  if (value === undefined || value === false || value === '') return false;
  if (value === true) return true;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new StackOptionError(`${name} must be true or false, got "${value}".`);
}

export function parseStackOptions(inputs: OptionInputs): StackOptions {
  const domain = text(inputs.domain)?.toLowerCase().replace(/\.$/, '');
  const hostedZoneId = text(inputs.hostedZoneId);
  const hostedZoneName = text(inputs.hostedZoneName)?.toLowerCase().replace(/\.$/, '');
  const certificateArn = text(inputs.certificateArn);
  const githubRepo = text(inputs.githubRepo);
  const options: StackOptions = {
    ...(domain ? { domain } : {}),
    ...(hostedZoneId ? { hostedZoneId } : {}),
    ...(hostedZoneName ? { hostedZoneName } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    ...(githubRepo ? { githubRepo } : {}),
    reuseGithubOidc: booleanSetting(inputs.reuseGithubOidc, 'reuseGithubOidc'),
    private: booleanSetting(inputs.private, 'private'),
  };

  if (domain !== undefined && !HOST.test(domain)) {
    throw new StackOptionError(`The domain must be a host name such as notes.example.org, got "${domain}".`);
  }
  if (hostedZoneId !== undefined && !ZONE_ID.test(hostedZoneId)) {
    throw new StackOptionError(`The hosted zone id must look like Z0123456789ABCDEFGHIJ, got "${hostedZoneId}".`);
  }
  if (hostedZoneName !== undefined && !HOST.test(hostedZoneName)) {
    throw new StackOptionError(`The hosted zone name must be a domain such as example.org, got "${hostedZoneName}".`);
  }
  if (certificateArn !== undefined) {
    const region = CERTIFICATE_ARN.exec(certificateArn)?.[1];
    if (!region) throw new StackOptionError(`Not an ACM certificate ARN: "${certificateArn}".`);
    if (region !== 'us-east-1') {
      throw new StackOptionError(`CloudFront needs a certificate in us-east-1; "${certificateArn}" is in ${region}.`);
    }
  }
  if (githubRepo !== undefined && (!GITHUB_REPO.test(githubRepo) || /\/\.\.?$/.test(githubRepo))) {
    throw new StackOptionError(`The GitHub repository must be owner/name, got "${githubRepo}".`);
  }
  if (options.reuseGithubOidc && !githubRepo) {
    throw new StackOptionError(
      'Reusing the GitHub OIDC provider needs a GitHub repository (--github-repo owner/name).',
    );
  }

  const zone = hostedZoneId !== undefined || hostedZoneName !== undefined;
  if (!domain && (zone || certificateArn)) {
    throw new StackOptionError('A hosted zone or certificate needs a custom domain (--domain).');
  }
  if (domain) {
    if (zone && certificateArn) {
      throw new StackOptionError(
        'Give either --certificate-arn (an existing certificate, no DNS records) or --hosted-zone-id with --hosted-zone-name, not both.',
      );
    }
    if (!certificateArn && !(hostedZoneId && hostedZoneName)) {
      throw new StackOptionError(
        'A custom domain needs --hosted-zone-id and --hosted-zone-name (a certificate and DNS records in that Route 53 zone), or --certificate-arn.',
      );
    }
    if (hostedZoneName && domain !== hostedZoneName && !domain.endsWith(`.${hostedZoneName}`)) {
      throw new StackOptionError(`The domain ${domain} is not in the hosted zone ${hostedZoneName}.`);
    }
  }
  return options;
}

/** Reads the options from CDK context first, then the environment. */
export function stackOptionsFrom(
  context: (key: string) => unknown,
  env: NodeJS.ProcessEnv = process.env,
): StackOptions {
  const inputs: OptionInputs = {};
  for (const [key, variable] of Object.entries(STACK_OPTION_VARIABLES) as [keyof StackOptions, string][]) {
    const value = context(key);
    inputs[key] = value === undefined ? env[variable] : (value as string | boolean);
  }
  return parseStackOptions(inputs);
}

/** The options as `cdk deploy -c` arguments, the way `npm run deploy` passes them on. */
export function contextArgs(options: StackOptions): string[] {
  const args: string[] = [];
  for (const key of Object.keys(STACK_OPTION_VARIABLES) as (keyof StackOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    args.push('--context', `${key}=${value}`);
  }
  return args;
}
