/** Site-wide constants: one place for the names and URLs every page uses. */
export const SITE_TITLE = 'AWSメモ';
export const SITE_DESCRIPTION =
  'AWS のサービスと用語を学ぶための日本語の学習ノート。IAM、CloudFront、VPC、CI/CD、ELB、コンテナ、Kinesis、WAF。';
/** Where the notes live, relative to the project root (the glob loader and the tests read it). */
export const NOTES_DIR = 'content/notes';
/**
 * The notes' repository, for "edit this note" links: set `REPO_URL` (e.g.
 * `https://github.com/owner/repo`) and, if not `main`, `REPO_BRANCH` when building. Unset: no link.
 * Read at build time only (a browser has no `process`).
 */
const buildEnv = (name: string) =>
  typeof process === 'undefined' ? undefined : process.env[name]?.trim() || undefined;
export const REPO_URL = buildEnv('REPO_URL')?.replace(/\/+$/, '');
export const REPO_BRANCH = buildEnv('REPO_BRANCH') ?? 'main';
