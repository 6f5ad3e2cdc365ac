/**
 * The role GitHub Actions assumes to run `npm run deploy`: trusted only for the given repository's
 * `main` branch through GitHub's OIDC provider (no long-lived keys), and allowed exactly what the
 * deploy does, on this bucket, this KeyValueStore and this distribution.
 */
import {
  Aws,
  Duration,
  Stack,
  aws_iam as iam,
  type aws_cloudfront as cloudfront,
  type aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

export interface DeployRoleProps {
  /** `owner/name` */
  repository: string;
  /** Reuse the account's GitHub OIDC provider (an account has at most one per URL). */
  reuseProvider: boolean;
  bucket: s3.IBucket;
  keyValueStore: cloudfront.IKeyValueStore;
  distribution: cloudfront.IDistribution;
}

/** Who may assume the role: this repository's main branch, for AWS STS. */
const githubSubject = (repository: string) => `repo:${repository}:ref:refs/heads/main`;

export class DeployRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DeployRoleProps) {
    super(scope, id);
    const providerArn = props.reuseProvider
      ? `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:oidc-provider/${GITHUB_OIDC_HOST}`
      : new iam.OidcProviderNative(this, 'GitHubOidc', {
          url: `https://${GITHUB_OIDC_HOST}`,
          clientIds: ['sts.amazonaws.com'],
        }).oidcProviderArn;

    this.role = new iam.Role(this, 'Role', {
      description: `npm run deploy from GitHub Actions: ${props.repository}, branch main`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(props.repository),
        },
      }),
    });

    const statements = [
      // Plan a release: list what the bucket holds.
      { sid: 'ListSiteBucket', actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] },
      // Read manifests, upload and copy release files (CopyObject reads the source and writes the
      // target), delete releases beyond --keep.
      {
        sid: 'PublishReleases',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [props.bucket.arnForObjects('*')],
      },
      // Read and switch the live release.
      {
        sid: 'SwitchRelease',
        actions: [
          'cloudfront-keyvaluestore:DescribeKeyValueStore',
          'cloudfront-keyvaluestore:GetKey',
          'cloudfront-keyvaluestore:PutKey',
        ],
        resources: [props.keyValueStore.keyValueStoreArn],
      },
      // `--invalidate`.
      {
        sid: 'InvalidateDistribution',
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [
          Stack.of(this).formatArn({
            service: 'cloudfront',
            region: '',
            resource: 'distribution',
            resourceName: props.distribution.distributionId,
          }),
        ],
      },
    ];
    for (const statement of statements) this.role.addToPolicy(new iam.PolicyStatement(statement));
  }
}
