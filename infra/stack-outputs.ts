/**
 * The names `npm run deploy` and the site stack agree on: the stack's id and its CloudFormation
 * outputs. infra/site-stack.ts writes each output under these keys, deploy/config.ts reads them
 * (from `cdk deploy --outputs-file` or DescribeStacks), and docs/deploy.md names them for CI.
 */

/** The site stack infra/app.ts makes by default (its certificate stack adds `Certificate`). */
export const SITE_STACK = 'AwsMemoNotesSite';

/**
 * The context key that names the site stack (`cdk deploy --context stack=StagingNotes`, which
 * `npm run deploy -- --stack StagingNotes` passes): one stack per site, e.g. staging and production.
 */
export const STACK_NAME_CONTEXT = 'stack';

/**
 * A name CloudFormation accepts for the site stack and for its certificate stack (`<name>Certificate`):
 * a letter, then letters, digits and hyphens, at most 128 characters with the suffix.
 */
export function stackNameProblem(name: string): string | undefined {
  if (/^[A-Za-z][A-Za-z0-9-]{0,116}$/.test(name)) return undefined;
  return `Stack name ${JSON.stringify(name)} is not one CloudFormation accepts: a letter, then letters, digits and hyphens, at most 117 characters.`;
}

export const STACK_OUTPUTS = {
  bucket: 'BucketName',
  distributionId: 'DistributionId',
  distributionDomainName: 'DistributionDomainName',
  keyValueStoreArn: 'KeyValueStoreArn',
  siteUrl: 'SiteUrl',
  region: 'Region',
  /** What the stack was made with (StackOptions as JSON), so the next deploy keeps it. */
  settings: 'DeploySettings',
  /** Only with a GitHub repository (`--github-repo`). */
  deployRoleArn: 'DeployRoleArn',
} as const;
