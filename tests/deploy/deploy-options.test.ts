/** The options table: what `npm run deploy` accepts, what `--help` says, and docs/deploy.md's option table. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseFlags } from '../../deploy/config.ts';
import { DEPLOY_OPTIONS, optionLabel, USAGE } from '../../deploy/deploy-options.ts';

/** `--help`'s entries: label → text, continuation lines joined. */
function helpEntries(usage: string): Map<string, string> {
  const entries = new Map<string, string>();
  let last: string | undefined;
  for (const line of usage.split('\n')) {
    // Two spaces, the label (single spaces inside), at least two spaces, the text.
    const entry = /^ {2}(-\S.*?) {2,}(\S.*)$/.exec(line);
    if (entry) {
      last = entry[1]!;
      entries.set(last, entry[2]!);
    } else if (last && /^ {10,}\S/.test(line)) {
      entries.set(last, `${entries.get(last)} ${line.trim()}`);
    } else {
      last = undefined;
    }
  }
  return entries;
}

describe('the deploy options', () => {
  it('are these 34, each accepted by the parser', () => {
    expect(DEPLOY_OPTIONS.map((option) => option.flag)).toEqual([
      'bucket',
      'kvs-arn',
      'distribution-id',
      'region',
      'endpoint',
      'kvs-file',
      'stack',
      'site-url',
      'dist',
      'skip-build',
      'keep',
      'dry-run',
      'prune',
      'allow-mass-delete',
      'force',
      'invalidate',
      'skip-infra',
      'releases',
      'rollback',
      'rollback-to',
      'set-password',
      'user',
      'force-unlock',
      'domain',
      'hosted-zone-id',
      'hosted-zone-name',
      'certificate-arn',
      'no-domain',
      'github-repo',
      'reuse-github-oidc',
      'no-github-repo',
      'private',
      'public',
      'help',
    ]);
    for (const option of DEPLOY_OPTIONS) {
      const argv = option.type === 'string' ? [`--${option.flag}`, 'x'] : [`--${option.flag}`];
      // Some need company (--user goes with --set-password), but none is unknown or misread as the wrong type.
      try {
        parseFlags(argv);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/Unknown option|argument missing|does not take an argument/);
      }
    }
  });
});

describe('--help', () => {
  const entries = helpEntries(USAGE);

  it('lists every option once, with its variables and its default', () => {
    expect([...entries.keys()]).toEqual(DEPLOY_OPTIONS.map(optionLabel));
    for (const option of DEPLOY_OPTIONS) {
      const text = entries.get(optionLabel(option))!;
      expect(text).toContain(option.description);
      for (const variable of 'env' in option ? option.env : []) expect(text).toContain(variable);
      if ('default' in option) expect(text).toContain(`default ${option.default}`);
    }
  });

  it.each([
    [
      '--stack NAME',
      'CloudFormation stack of the site (one per site, e.g. staging): cdk deploy makes or updates it, the deploy reads it (env DEPLOY_STACK; default AwsMemoNotesSite)',
    ],
    ['--region REGION', 'AWS region of the stack and bucket (env AWS_REGION or AWS_DEFAULT_REGION)'],
    ['--keep N', 'Releases to keep, the live one included (default 5)'],
    ['--user NAME', 'User name for --set-password (default reader)'],
    [
      '--private',
      'Basic authentication for the whole site; set the password with --set-password (env DEPLOY_PRIVATE=true|false)',
    ],
    ['--public', 'Remove it'],
    ['-h, --help', 'Show this help'],
  ])('says %s: %s', (label, text) => {
    expect(entries.get(label)).toBe(text);
  });

  it('fits a terminal: no line over 110 characters', () => {
    for (const line of USAGE.split('\n')) expect(line.length, line).toBeLessThanOrEqual(110);
  });

  it('is what npm run deploy -- --help prints, with exit code 0', async () => {
    const { main } = await import('../../deploy/deploy.ts');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    try {
      expect(await main(['--help'], {})).toBe(0);
      expect(await main(['-h'], {})).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(out).toEqual([USAGE, USAGE]);
    expect(USAGE).toMatch(/^Usage: npm run deploy -- \[options\]\n/);
  });
});

describe("docs/deploy.md's option table", () => {
  it('has a row for each option but --help, in the same order, with the same variables', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../docs/deploy.md'), 'utf8');
    const table = docs.slice(docs.indexOf('| Option | Env variable | Meaning |')).split('\n\n')[0]!;
    const rows = table
      .split('\n')
      .slice(2)
      .map((row) => row.split('|').map((cell) => cell.trim()));
    expect(rows.map(([, option, variables]) => [option, variables])).toEqual(
      DEPLOY_OPTIONS.filter((option) => option.flag !== 'help').map((option) => [
        `\`${optionLabel(option)}\``,
        ('env' in option ? option.env : []).map((variable) => `\`${variable}\``).join(', '),
      ]),
    );
  });
});
