/** Site-wide constants: one place for the names and URLs every page uses. */
export const SITE_TITLE = 'AWSメモ';
export const SITE_DESCRIPTION = 'AWS のサービスと用語を学ぶための日本語の学習ノート。IAM、CloudFront、VPC、CI/CD、ELB、コンテナ、Kinesis、WAF。';
/** Where the notes live, relative to the project root (the glob loader and the tests read it). */
export const NOTES_DIR = 'content/notes';
