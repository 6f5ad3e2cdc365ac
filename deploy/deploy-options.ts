/**
 * Every option of `npm run deploy`, once: its flag, the environment variable that stands in for
 * it, its type, its default and what it does. The parser (config.ts), `--help` and the check of
 * docs/deploy.md's option table all read this list, so an option cannot be added to one of them only.
 */
import { STACK_OPTION_VARIABLES } from '../infra/stack-options.ts';
import { SITE_STACK } from '../infra/stack-outputs.ts';
import { DEFAULT_USER } from './password.ts';
import { DEFAULT_KEEP } from './release.ts';

/** Where `--help` lists an option. */
type Section = 'publish' | 'releases' | 'stack' | 'help';

type DeployOption = {
  /** The long flag without its dashes. */
  readonly flag: string;
  readonly short?: string;
  /** Read when the flag is not given, the first one set winning. */
  readonly env?: readonly string[];
  /** As `--help` shows it. */
  readonly default?: string;
  readonly description: string;
  readonly section: Section;
} & ({ readonly type: 'boolean' } | { readonly type: 'string'; readonly placeholder: string });

export const DEPLOY_OPTIONS = [
  {
    flag: 'bucket',
    type: 'string',
    placeholder: 'NAME',
    env: ['DEPLOY_BUCKET'],
    description: 'S3 bucket to publish to; skips cdk deploy, so needs --kvs-arn and --site-url',
    section: 'publish',
  },
  {
    flag: 'kvs-arn',
    type: 'string',
    placeholder: 'ARN',
    env: ['DEPLOY_KVS_ARN'],
    default: "the stack's KeyValueStoreArn output",
    description: 'KeyValueStore naming the live release',
    section: 'publish',
  },
  {
    flag: 'distribution-id',
    type: 'string',
    placeholder: 'ID',
    env: ['DEPLOY_DISTRIBUTION_ID'],
    description: 'CloudFront distribution, for --invalidate',
    section: 'publish',
  },
  {
    flag: 'region',
    type: 'string',
    placeholder: 'REGION',
    env: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    description: 'AWS region of the stack and bucket',
    section: 'publish',
  },
  {
    flag: 'endpoint',
    type: 'string',
    placeholder: 'URL',
    env: ['DEPLOY_ENDPOINT'],
    description: 'S3-compatible endpoint, e.g. http://127.0.0.1:4568; needs --bucket and --kvs-file',
    section: 'publish',
  },
  {
    flag: 'kvs-file',
    type: 'string',
    placeholder: 'PATH',
    env: ['DEPLOY_KVS_FILE'],
    description: 'JSON file standing in for the KeyValueStore, with --endpoint',
    section: 'publish',
  },
  {
    flag: 'stack',
    type: 'string',
    placeholder: 'NAME',
    env: ['DEPLOY_STACK'],
    default: SITE_STACK,
    description:
      'CloudFormation stack of the site (one per site, e.g. staging): cdk deploy makes or updates it, the deploy reads it',
    section: 'publish',
  },
  {
    flag: 'site-url',
    type: 'string',
    placeholder: 'URL',
    env: ['SITE_URL'],
    default: "the stack's custom domain, else its CloudFront domain",
    description: "The site's public URL for canonical links and the sitemap",
    section: 'publish',
  },
  {
    flag: 'dist',
    type: 'string',
    placeholder: 'DIR',
    default: 'dist',
    description: 'Build folder',
    section: 'publish',
  },
  {
    flag: 'skip-build',
    type: 'boolean',
    description: "Publish --dist as it is (it must have been built for the site's URL)",
    section: 'publish',
  },
  {
    flag: 'keep',
    type: 'string',
    placeholder: 'N',
    default: String(DEFAULT_KEEP),
    description: 'Releases to keep, the live one included',
    section: 'publish',
  },
  {
    flag: 'dry-run',
    type: 'boolean',
    description: 'Print the plan only; changes nothing (implies --skip-infra)',
    section: 'publish',
  },
  {
    flag: 'prune',
    type: 'boolean',
    description: 'Also delete what no kept release uses (old flat layout, unfinished releases)',
    section: 'publish',
  },
  {
    flag: 'allow-mass-delete',
    type: 'boolean',
    description: 'Let a release go live without over 10% of the live pages, or without notes',
    section: 'publish',
  },
  {
    flag: 'force',
    type: 'boolean',
    description: 'Upload every file even if the bucket has it (e.g. after cache rules changed)',
    section: 'publish',
  },
  {
    flag: 'invalidate',
    type: 'boolean',
    description: 'Also invalidate /* on the distribution (a switch never needs it)',
    section: 'publish',
  },
  {
    flag: 'skip-infra',
    type: 'boolean',
    description: "Do not run cdk deploy; read the existing stack's outputs",
    section: 'publish',
  },
  {
    flag: 'releases',
    type: 'boolean',
    description: 'List the releases (id, time, commit, pages, which is live)',
    section: 'releases',
  },
  {
    flag: 'rollback',
    type: 'boolean',
    description: 'Make the release before the live one live again',
    section: 'releases',
  },
  {
    flag: 'rollback-to',
    type: 'string',
    placeholder: 'ID',
    description: 'Make release ID live',
    section: 'releases',
  },
  {
    flag: 'set-password',
    type: 'boolean',
    description: "Set the private site's password from a prompt or standard input",
    section: 'releases',
  },
  {
    flag: 'user',
    type: 'string',
    placeholder: 'NAME',
    default: DEFAULT_USER,
    description: 'User name for --set-password',
    section: 'releases',
  },
  {
    flag: 'force-unlock',
    type: 'boolean',
    description: 'Remove the deploy lock a killed deploy left (says whose it was)',
    section: 'releases',
  },
  {
    flag: 'domain',
    type: 'string',
    placeholder: 'HOST',
    env: [STACK_OPTION_VARIABLES.domain],
    description: 'Custom domain, e.g. notes.example.org',
    section: 'stack',
  },
  {
    flag: 'hosted-zone-id',
    type: 'string',
    placeholder: 'ID',
    env: [STACK_OPTION_VARIABLES.hostedZoneId],
    description: 'Route 53 zone for its certificate and A/AAAA records',
    section: 'stack',
  },
  {
    flag: 'hosted-zone-name',
    type: 'string',
    placeholder: 'NAME',
    env: [STACK_OPTION_VARIABLES.hostedZoneName],
    description: "That zone's name, e.g. example.org",
    section: 'stack',
  },
  {
    flag: 'certificate-arn',
    type: 'string',
    placeholder: 'ARN',
    env: [STACK_OPTION_VARIABLES.certificateArn],
    description: 'An existing us-east-1 certificate instead; no DNS records',
    section: 'stack',
  },
  { flag: 'no-domain', type: 'boolean', description: 'Remove the custom domain', section: 'stack' },
  {
    flag: 'github-repo',
    type: 'string',
    placeholder: 'OWNER/NAME',
    env: [STACK_OPTION_VARIABLES.githubRepo],
    description: "Deploy role for GitHub Actions on that repository's main branch",
    section: 'stack',
  },
  {
    flag: 'reuse-github-oidc',
    type: 'boolean',
    env: [STACK_OPTION_VARIABLES.reuseGithubOidc],
    description: "The account has GitHub's OIDC provider already",
    section: 'stack',
  },
  { flag: 'no-github-repo', type: 'boolean', description: 'Remove the deploy role', section: 'stack' },
  {
    flag: 'private',
    type: 'boolean',
    env: [STACK_OPTION_VARIABLES.private],
    description: 'Basic authentication for the whole site; set the password with --set-password',
    section: 'stack',
  },
  { flag: 'public', type: 'boolean', description: 'Remove it', section: 'stack' },
  { flag: 'help', short: 'h', type: 'boolean', description: 'Show this help', section: 'help' },
] as const satisfies readonly DeployOption[];

type Option = (typeof DEPLOY_OPTIONS)[number];
export type OptionName = Option['flag'];

/** The table as `util.parseArgs` options, typed so each value is a string or a boolean as the table says. */
export const parseArgsOptions = Object.fromEntries(
  DEPLOY_OPTIONS.map((option) => [
    option.flag,
    { type: option.type, ...('short' in option ? { short: option.short } : {}) },
  ]),
) as { [O in Option as O['flag']]: { type: O['type']; short?: string } };

const optionNamed = (name: OptionName): DeployOption => DEPLOY_OPTIONS.find((option) => option.flag === name)!;

/** The environment's value for an option: the first of its variables that is set and not blank. */
export function envValue(name: OptionName, env: NodeJS.ProcessEnv): { variable: string; value: string } | undefined {
  for (const variable of optionNamed(name).env ?? []) {
    const value = env[variable]?.trim();
    if (value) return { variable, value };
  }
  return undefined;
}

export function defaultValue(name: OptionName): string | undefined {
  return optionNamed(name).default;
}

/** `--bucket NAME`, `-h, --help`: how `--help` and docs/deploy.md write an option. */
export function optionLabel(option: DeployOption): string {
  const long = `--${option.flag}${option.type === 'string' ? ` ${option.placeholder}` : ''}`;
  return option.short ? `-${option.short}, ${long}` : long;
}

const HELP_WIDTH = 110;
/** Two spaces, the longest label, two spaces. */
const labelWidth = Math.max(...DEPLOY_OPTIONS.map((option) => optionLabel(option).length)) + 4;

/** Words wrapped to HELP_WIDTH, the lines after the first indented to the descriptions' column. */
function wrap(words: string[]): string {
  const lines = [''];
  for (const word of words) {
    const line = lines.at(-1)!;
    if (line && labelWidth + line.length + 1 + word.length > HELP_WIDTH) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  return lines.join(`\n${' '.repeat(labelWidth)}`);
}

function helpLine(option: DeployOption): string {
  const variables = option.env?.join(' or ');
  const notes = [
    ...(variables ? [`env ${variables}${option.type === 'boolean' ? '=true|false' : ''}`] : []),
    ...(option.default === undefined ? [] : [`default ${option.default}`]),
  ];
  const text = `${option.description}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  return `  ${optionLabel(option).padEnd(labelWidth - 2)}${wrap(text.split(' '))}`;
}

const section = (name: Section) =>
  DEPLOY_OPTIONS.filter((option) => option.section === name)
    .map(helpLine)
    .join('\n');

export const USAGE = `Usage: npm run deploy -- [options]

Without --bucket, first runs \`cdk deploy\` (creates or updates the stack) and reads the bucket,
KeyValueStore and site URL from the stack's outputs; then builds the site for that URL into
--dist, publishes it as a new release and makes that release live in one step.
Flags win over environment variables, which win over the stack's outputs.

${section('publish')}

${section('releases')}

Stack settings (kept from the stack when not given):
${section('stack')}
${section('help')}`;
