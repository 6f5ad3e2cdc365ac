/** Site-wide constants: one place for the names every page shows. */
export const SITE_TITLE = 'AWSメモ';
export const SITE_DESCRIPTION =
  'AWS のサービスと用語を学ぶための日本語の学習ノート。IAM、CloudFront、VPC、CI/CD、ELB、コンテナ、Kinesis、WAF。';
