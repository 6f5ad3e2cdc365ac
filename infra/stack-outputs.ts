/**
 * The names `npm run deploy` and the site stack agree on: the stack's id and its CloudFormation
 * outputs. infra/site-stack.ts writes each output under these keys, deploy/config.ts reads them
 * (from `cdk deploy --outputs-file` or DescribeStacks), and docs/deploy.md names them for CI.
 */

/** The site stack infra/app.ts makes (its certificate stack adds `Certificate`); `--stack` names another. */
export const SITE_STACK = 'AwsMemoNotesSite';

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
