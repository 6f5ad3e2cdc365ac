import { describe, expect, it, vi } from 'vitest';
import {
  mergeStackOptions,
  parseFlags,
  resolveTarget,
  settingsFromOutputs,
  targetFromOutputs,
  targetSource,
  type ResolveDeps,
} from '../../deploy/config.ts';
import { DeployError } from '../../deploy/deploy-error.ts';
import { DEPLOY_OPTIONS } from '../../deploy/deploy-options.ts';
import { SITE_STACK } from '../../infra/stack-outputs.ts';
import type { MainDeps } from '../../deploy/deploy.ts';

const KVS = 'arn:aws:cloudfront::123456789012:key-value-store/a1b2c3d4-5678-90ab-cdef-000000000001';
const deps = () => ({
  // Stops main right after the build, before it would talk to S3.
  build: vi.fn<MainDeps['build']>(async () => {
    throw new DeployError('stopped after the build');
  }),
  cdkDeploy: vi.fn<ResolveDeps['cdkDeploy']>(async (stack: string) => ({
    [stack]: { BucketName: 'cdk-bucket', DistributionId: 'ECDK', Region: 'ap-northeast-1', KeyValueStoreArn: KVS },
  })),
  describeStackOutputs: vi.fn<ResolveDeps['describeStackOutputs']>(async () => [
    { OutputKey: 'BucketName', OutputValue: 'cfn-bucket' },
    { OutputKey: 'DistributionId', OutputValue: 'ECFN' },
    { OutputKey: 'Region', OutputValue: 'eu-west-1' },
    { OutputKey: 'SiteUrl', OutputValue: 'https://d1.cloudfront.net/' },
    { OutputKey: 'KeyValueStoreArn', OutputValue: KVS },
    { OutputKey: 'DeploySettings', OutputValue: '{"private":true,"reuseGithubOidc":false,"githubRepo":"me/notes"}' },
  ]),
});

describe('parseFlags', () => {
  it('has safe defaults: dist/, default stack, no prune, no dry run', () => {
    expect(parseFlags([])).toEqual({
      action: 'publish',
      bucket: undefined,
      kvsArn: undefined,
      kvsFile: undefined,
      distributionId: undefined,
      region: undefined,
      endpoint: undefined,
      stack: SITE_STACK,
      dist: 'dist',
      siteUrl: undefined,
      siteUrlFrom: 'SITE_URL',
      skipBuild: false,
      rollbackTo: undefined,
      keep: 5,
      user: undefined,
      dryRun: false,
      prune: false,
      allowMassDelete: false,
      force: false,
      invalidate: false,
      skipInfra: false,
      infra: {
        domain: undefined,
        hostedZoneId: undefined,
        hostedZoneName: undefined,
        certificateArn: undefined,
        githubRepo: undefined,
        reuseGithubOidc: undefined,
        private: undefined,
        noDomain: undefined,
        noGithubRepo: undefined,
      },
      help: false,
    });
  });

  it('reads every flag', () => {
    const flags = parseFlags([
      '--bucket=b',
      '--distribution-id',
      'E1',
      '--region',
      'ap-northeast-1',
      '--endpoint',
      'http://127.0.0.1:4568',
      '--stack',
      'S',
      '--dist',
      'out',
      '--site-url',
      'https://notes.example.org',
      '--skip-build',
      '--keep',
      '3',
      '--kvs-file',
      'kvs.json',
      '--dry-run',
      '--prune',
      '--allow-mass-delete',
      '--force',
      '--invalidate',
      '--skip-infra',
    ]);
    expect(flags).toMatchObject({
      bucket: 'b',
      distributionId: 'E1',
      region: 'ap-northeast-1',
      endpoint: 'http://127.0.0.1:4568',
      stack: 'S',
      dist: 'out',
      siteUrl: 'https://notes.example.org',
      siteUrlFrom: '--site-url',
      skipBuild: true,
      keep: 3,
      kvsFile: 'kvs.json',
      dryRun: true,
      prune: true,
      allowMassDelete: true,
      force: true,
      invalidate: true,
      skipInfra: true,
    });
  });

  it('falls back to the environment, and flags win over it', () => {
    const env = {
      DEPLOY_BUCKET: 'env-b',
      DEPLOY_DISTRIBUTION_ID: 'EENV',
      AWS_REGION: 'us-west-2',
      DEPLOY_ENDPOINT: 'http://localhost:1',
      DEPLOY_STACK: 'EnvStack',
      SITE_URL: 'https://env.example.org',
    };
    expect(parseFlags([], env)).toMatchObject({
      bucket: 'env-b',
      distributionId: 'EENV',
      region: 'us-west-2',
      endpoint: 'http://localhost:1',
      stack: 'EnvStack',
      siteUrl: 'https://env.example.org',
      siteUrlFrom: 'SITE_URL',
    });
    expect(
      parseFlags(['--bucket', 'flag-b', '--region', 'eu-central-1', '--site-url', 'https://flag.example.org'], env),
    ).toMatchObject({
      bucket: 'flag-b',
      region: 'eu-central-1',
      siteUrl: 'https://flag.example.org',
      siteUrlFrom: '--site-url',
    });
    expect(parseFlags([], { AWS_DEFAULT_REGION: 'sa-east-1' }).region).toBe('sa-east-1');
    expect(parseFlags([], { DEPLOY_BUCKET: '  ' }).bucket).toBeUndefined();
  });

  it.each([
    [['--bucket'], /argument missing|requires a value|--bucket/i],
    [['--unknown'], /Unknown option '--unknown'/],
    [['stray'], /positional/i],
    [['--endpoint', 'http://127.0.0.1:4568'], /--endpoint needs --bucket/],
    [['--bucket', 'b', '--endpoint', '127.0.0.1:4568'], /must be an http\(s\) URL/],
    [['--keep', '0'], /--keep must be a whole number from 1 to 999, got "0"/],
    [['--keep', 'five'], /--keep must be a whole number/],
    [['--keep', '-1'], /'--keep' argument is ambiguous/],
    [['--keep', '1e3'], /--keep must be a whole number/],
    [['--rollback-to', 'latest'], /--rollback-to needs a release id/],
    [['--rollback-to', '../../etc'], /--rollback-to needs a release id/],
    [['--rollback', '--rollback-to', '20261128T120000Z-3f2a9c1b'], /one of --releases, --rollback/],
    [['--releases', '--set-password'], /one of --releases/],
    [['--force-unlock', '--rollback'], /one of --releases, .*--force-unlock/],
    [['--private', '--public'], /contradict/],
    [['--no-domain', '--domain', 'a.example.org'], /--no-domain contradicts/],
    [['--user', 'me'], /--user goes with --set-password/],
    [['--kvs-arn', 'arn:aws:s3:::b'], /must be a CloudFront KeyValueStore ARN/],
    [['--kvs-arn', KVS, '--kvs-file', 'k.json'], /alternatives/],
    [['--set-password', 'hunter2'], /positional/i],
  ])('rejects %j in one line', (argv, message) => {
    expect(() => parseFlags(argv)).toThrow(DeployError);
    expect(() => parseFlags(argv)).toThrow(message);
    try {
      parseFlags(argv);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('reads the release commands', () => {
    expect(parseFlags(['--releases']).action).toBe('releases');
    expect(parseFlags(['--rollback']).action).toBe('rollback');
    expect(parseFlags(['--rollback-to', '20261128T120000Z-3f2a9c1b'])).toMatchObject({
      action: 'rollback',
      rollbackTo: '20261128T120000Z-3f2a9c1b',
    });
    expect(parseFlags(['--set-password', '--user', '読者'])).toMatchObject({ action: 'set-password', user: '読者' });
    expect(parseFlags(['--force-unlock']).action).toBe('force-unlock');
  });
});

describe('environment variables', () => {
  const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';
  /** Each variable, a value, and the flags it stands for (after the base flags some options need). */
  const cases: Array<[variable: string, value: string, flags: string[], base?: string[]]> = [
    ['DEPLOY_BUCKET', 'env-bucket', ['--bucket', 'env-bucket']],
    ['DEPLOY_KVS_ARN', KVS, ['--kvs-arn', KVS]],
    ['DEPLOY_DISTRIBUTION_ID', 'EENV', ['--distribution-id', 'EENV']],
    ['AWS_REGION', 'eu-west-1', ['--region', 'eu-west-1']],
    ['AWS_DEFAULT_REGION', 'sa-east-1', ['--region', 'sa-east-1']],
    ['DEPLOY_ENDPOINT', 'http://127.0.0.1:4568', ['--endpoint', 'http://127.0.0.1:4568'], ['--bucket', 'b']],
    ['DEPLOY_KVS_FILE', 'kvs.json', ['--kvs-file', 'kvs.json']],
    ['DEPLOY_STACK', 'EnvStack', ['--stack', 'EnvStack']],
    ['SITE_URL', 'https://notes.example.org', ['--site-url', 'https://notes.example.org']],
    ['DEPLOY_DOMAIN', 'notes.example.org', ['--domain', 'notes.example.org']],
    ['DEPLOY_HOSTED_ZONE_ID', 'Z0123456789ABCDEFGHIJ', ['--hosted-zone-id', 'Z0123456789ABCDEFGHIJ']],
    ['DEPLOY_HOSTED_ZONE_NAME', 'example.org', ['--hosted-zone-name', 'example.org']],
    ['DEPLOY_CERTIFICATE_ARN', CERTIFICATE, ['--certificate-arn', CERTIFICATE]],
    ['DEPLOY_GITHUB_REPO', 'me/notes', ['--github-repo', 'me/notes']],
    ['DEPLOY_REUSE_GITHUB_OIDC', 'true', ['--reuse-github-oidc']],
    ['DEPLOY_PRIVATE', 'true', ['--private']],
    ['DEPLOY_PRIVATE', 'yes', ['--private']],
    ['DEPLOY_PRIVATE', 'false', ['--public']],
  ];

  it('are the ones the options table names, each tried here', () => {
    expect(new Set(DEPLOY_OPTIONS.flatMap((option) => ('env' in option ? option.env : [])))).toEqual(
      new Set(cases.map(([variable]) => variable)),
    );
  });

  it.each(cases)('%s=%s does what %j does', (variable, value, flags, base = []) => {
    // Which of the two named the site URL is the one difference, and it is printed.
    const { siteUrlFrom: _fromEnv, ...fromEnv } = parseFlags(base, { [variable]: value });
    const { siteUrlFrom: _fromFlags, ...fromFlags } = parseFlags([...base, ...flags]);
    expect(fromEnv).toEqual(fromFlags);
    expect(fromEnv).not.toEqual(parseFlags(base));
  });

  it('lose to the flags, --public, --no-domain and --no-github-repo included', () => {
    expect(parseFlags(['--bucket', 'flag-b'], { DEPLOY_BUCKET: 'env-b' }).bucket).toBe('flag-b');
    expect(parseFlags(['--public'], { DEPLOY_PRIVATE: 'true' }).infra.private).toBe(false);
    expect(parseFlags(['--private'], { DEPLOY_PRIVATE: 'false' }).infra.private).toBe(true);
    const env = {
      DEPLOY_DOMAIN: 'notes.example.org',
      DEPLOY_HOSTED_ZONE_ID: 'Z0123456789ABCDEFGHIJ',
      DEPLOY_HOSTED_ZONE_NAME: 'example.org',
      DEPLOY_CERTIFICATE_ARN: CERTIFICATE,
      DEPLOY_GITHUB_REPO: 'me/notes',
      DEPLOY_REUSE_GITHUB_OIDC: 'true',
    };
    expect(parseFlags(['--no-domain', '--no-github-repo'], env).infra).toEqual({
      domain: undefined,
      hostedZoneId: undefined,
      hostedZoneName: undefined,
      certificateArn: undefined,
      githubRepo: undefined,
      reuseGithubOidc: undefined,
      private: undefined,
      noDomain: true,
      noGithubRepo: true,
    });
  });

  it('refuse a yes/no setting that is neither, in one line', () => {
    expect(() => parseFlags([], { DEPLOY_PRIVATE: 'maybe' })).toThrow(
      new DeployError('DEPLOY_PRIVATE must be true or false, got "maybe".'),
    );
    expect(() => parseFlags([], { DEPLOY_REUSE_GITHUB_OIDC: 'on' })).toThrow(
      'DEPLOY_REUSE_GITHUB_OIDC must be true or false, got "on".',
    );
  });

  it('set the stack up when cdk deploy runs, and are left alone when it does not', async () => {
    const d = deps();
    await resolveTarget(parseFlags([], { DEPLOY_PRIVATE: 'false', DEPLOY_GITHUB_REPO: 'me/other' }), d);
    // The stack was private with me/notes: the environment changes both, as the flags would.
    expect(d.cdkDeploy).toHaveBeenCalledWith(SITE_STACK, undefined, {
      githubRepo: 'me/other',
      reuseGithubOidc: false,
      private: false,
    });
    // CI sets DEPLOY_BUCKET; a stack setting in the same environment must not stop its deploys.
    expect(parseFlags([], { DEPLOY_BUCKET: 'b', DEPLOY_PRIVATE: 'true' })).toMatchObject({ bucket: 'b' });
    expect(() => parseFlags(['--private'], { DEPLOY_BUCKET: 'b' })).toThrow(/Stack settings .* change the stack/);
  });
});

describe('targetSource', () => {
  it.each([
    [[], 'cdk-deploy'],
    [['--skip-infra'], 'stack-outputs'],
    [['--dry-run'], 'stack-outputs'],
    [['--bucket', 'b'], 'flags'],
    [['--bucket', 'b', '--endpoint', 'http://127.0.0.1:1'], 'flags'],
    [['--bucket', 'b', '--dry-run'], 'flags'],
    [['--releases'], 'stack-outputs'],
    [['--rollback'], 'stack-outputs'],
    [['--set-password'], 'stack-outputs'],
    [['--force-unlock'], 'stack-outputs'],
  ])('%j → %s', (argv, source) => {
    expect(targetSource(parseFlags(argv))).toBe(source);
  });
});

describe('resolveTarget', () => {
  it('with --bucket, touches neither CDK nor CloudFormation', async () => {
    const d = deps();
    const target = await resolveTarget(
      parseFlags([
        '--bucket',
        'b',
        '--distribution-id',
        'E1',
        '--endpoint',
        'http://127.0.0.1:9',
        '--kvs-file',
        'k.json',
      ]),
      d,
    );
    expect(target).toEqual({
      bucket: 'b',
      distributionId: 'E1',
      region: undefined,
      endpoint: 'http://127.0.0.1:9',
      kvsArn: undefined,
      kvsFile: 'k.json',
      source: 'flags',
    });
    expect(d.cdkDeploy).not.toHaveBeenCalled();
    expect(d.describeStackOutputs).not.toHaveBeenCalled();
  });

  it('by default runs cdk deploy with the stack settings it had, and publishes to its outputs', async () => {
    const d = deps();
    const target = await resolveTarget(parseFlags([], { AWS_REGION: 'ap-northeast-1' }), d);
    // The settings the stack was made with (private, a deploy role) are kept: forgetting --private never opens the site.
    expect(d.describeStackOutputs).toHaveBeenCalledWith(SITE_STACK, 'ap-northeast-1', true);
    expect(d.cdkDeploy).toHaveBeenCalledWith(SITE_STACK, 'ap-northeast-1', {
      githubRepo: 'me/notes',
      reuseGithubOidc: false,
      private: true,
    });
    expect(target).toEqual({
      bucket: 'cdk-bucket',
      distributionId: 'ECDK',
      region: 'ap-northeast-1',
      kvsArn: KVS,
      siteUrl: undefined,
      source: 'cdk-deploy',
    });
    await resolveTarget(parseFlags(['--public', '--no-github-repo']), d);
    expect(d.cdkDeploy).toHaveBeenLastCalledWith(SITE_STACK, undefined, { reuseGithubOidc: false, private: false });
  });

  it('needs a KeyValueStore to switch releases', async () => {
    await expect(resolveTarget(parseFlags(['--bucket', 'b']), deps())).rejects.toThrow(/--bucket needs --kvs-arn/);
    await expect(
      resolveTarget(parseFlags(['--bucket', 'b', '--endpoint', 'http://127.0.0.1:1']), deps()),
    ).rejects.toThrow(/--endpoint needs --kvs-file/);
  });

  it('makes and reads the stack --stack names (one per site: staging beside production)', async () => {
    for (const [argv, env] of [
      [['--stack', 'StagingNotes'], {}],
      [[], { DEPLOY_STACK: 'StagingNotes' }],
    ] as const) {
      const d = deps();
      const target = await resolveTarget(parseFlags([...argv], env), d);
      // Its own settings are read first, so a private staging site stays private.
      expect(d.describeStackOutputs).toHaveBeenCalledWith('StagingNotes', undefined, true);
      expect(d.cdkDeploy).toHaveBeenCalledWith('StagingNotes', undefined, {
        private: true,
        reuseGithubOidc: false,
        githubRepo: 'me/notes',
      });
      expect(target.bucket).toBe('cdk-bucket');
    }
  });

  it.each([
    ['1stack', /--stack: Stack name "1stack" is not one CloudFormation accepts/],
    ['notes_site', /not one CloudFormation accepts/],
    ['a'.repeat(118), /at most 117 characters/],
    ['--context', /not one CloudFormation accepts/],
  ])('refuses the stack name %j before anything runs', (name, message) => {
    expect(() => parseFlags([`--stack=${name}`])).toThrow(message);
  });

  it('with --skip-infra or --dry-run, reads the stack with DescribeStacks instead', async () => {
    for (const argv of [['--skip-infra'], ['--dry-run', '--stack', 'Other']]) {
      const d = deps();
      const target = await resolveTarget(parseFlags(argv), d);
      expect(d.cdkDeploy).not.toHaveBeenCalled();
      expect(d.describeStackOutputs).toHaveBeenCalledWith(argv.includes('Other') ? 'Other' : SITE_STACK, undefined);
      expect(target).toEqual({
        bucket: 'cfn-bucket',
        distributionId: 'ECFN',
        region: 'eu-west-1',
        kvsArn: KVS,
        siteUrl: 'https://d1.cloudfront.net/',
        source: 'stack-outputs',
      });
    }
  });

  it('lets --distribution-id and --region override the stack outputs', async () => {
    const target = await resolveTarget(
      parseFlags(['--skip-infra', '--distribution-id', 'EMINE', '--region', 'us-east-2']),
      deps(),
    );
    expect(target).toMatchObject({ bucket: 'cfn-bucket', distributionId: 'EMINE', region: 'us-east-2' });
  });

  it('fails clearly when the stack has no bucket output', async () => {
    const d = deps();
    d.cdkDeploy.mockResolvedValueOnce({ SomethingElse: {} });
    await expect(resolveTarget(parseFlags([]), d)).rejects.toThrow(/has no BucketName output/);
  });
});

describe('targetFromOutputs', () => {
  it('reads both the outputs-file object and the DescribeStacks list', () => {
    expect(
      targetFromOutputs({ BucketName: 'b', DistributionId: 'E', Region: 'r', SiteUrl: 'https://x/' }, 'S'),
    ).toEqual({ bucket: 'b', distributionId: 'E', region: 'r', siteUrl: 'https://x/' });
    expect(targetFromOutputs([{ OutputKey: 'BucketName', OutputValue: 'b' }], 'S')).toEqual({
      bucket: 'b',
      distributionId: undefined,
      region: undefined,
      siteUrl: undefined,
    });
  });
});

describe('npm run deploy (main)', () => {
  it('with --skip-build, refuses a missing build before running cdk deploy or reading the stack', async () => {
    const { main } = await import('../../deploy/deploy.ts');
    const d = deps();
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    try {
      expect(await main(['--skip-build', '--dist', 'definitely-not-a-build'], {}, d)).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/No build at .*definitely-not-a-build.*npm run build/);
    expect(d.cdkDeploy).not.toHaveBeenCalled();
    expect(d.describeStackOutputs).not.toHaveBeenCalled();
  });

  /** Runs main with console output captured. */
  async function runMain(argv: string[], env: NodeJS.ProcessEnv, d: ReturnType<typeof deps>) {
    const { main } = await import('../../deploy/deploy.ts');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void out.push(line));
    try {
      return { code: await main(argv, env, d), output: out.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('builds for the URL the stack serves, says which, and only after reading the stack', async () => {
    const d = deps();
    const { code, output } = await runMain(['--skip-infra', '--dist', 'out'], {}, d);
    expect(code).toBe(1); // the mocked build stops the run
    expect(d.describeStackOutputs).toHaveBeenCalled();
    expect(d.build).toHaveBeenCalledWith(expect.stringMatching(/\/out$/), 'https://d1.cloudfront.net/');
    expect(output).toContain('Site URL: https://d1.cloudfront.net/ (from the stack output SiteUrl)');
  });

  it('builds for --site-url, or SITE_URL, over the stack', async () => {
    for (const [argv, env, from] of [
      [['--skip-infra', '--site-url', 'https://notes.example.org'], {}, '--site-url'],
      [['--skip-infra'], { SITE_URL: 'https://notes.example.org/' }, 'SITE_URL'],
    ] as const) {
      const d = deps();
      const { output } = await runMain([...argv], env, d);
      expect(d.build).toHaveBeenCalledWith(expect.any(String), 'https://notes.example.org/');
      expect(output).toContain(`Site URL: https://notes.example.org/ (from ${from})`);
    }
  });

  it('refuses to build without a site URL, and a bad one, in one line', async () => {
    const d = deps();
    const none = await runMain(['--bucket', 'b', '--kvs-arn', KVS], {}, d);
    expect(none.code).toBe(1);
    expect(none.output.trim()).toMatch(
      /^Cannot tell which URL the site is served from.*pass --site-url URL \(or set SITE_URL\)\.$/,
    );
    const bad = await runMain(['--bucket', 'b', '--kvs-arn', KVS, '--site-url', 'javascript:alert(1)'], {}, d);
    expect(bad.output.trim()).toBe('--site-url must start with https://, got "javascript:alert(1)".');
    expect(d.build).not.toHaveBeenCalled();
  });

  it('turns a bad flag into one line and exit code 1', async () => {
    const { code, output } = await runMain(['--nope'], {}, deps());
    expect(code).toBe(1);
    expect(output.trim()).toBe("Unknown option '--nope' (npm run deploy -- --help lists the options)");
  });

  it('refuses stack settings where no cdk deploy runs', async () => {
    const d = deps();
    const { code, output } = await runMain(['--bucket', 'b', '--kvs-arn', KVS, '--private'], {}, d);
    expect(code).toBe(1);
    expect(output).toMatch(/Stack settings .* change the stack: run without --bucket/);
    expect(d.cdkDeploy).not.toHaveBeenCalled();
  });
});

describe('awsHint', () => {
  it.each([
    ['Region is missing', /AWS_REGION/],
    ['Could not load credentials from any providers', /aws configure/],
    ['Stack with id AwsMemoNotesSite does not exist', /Create it with `npm run deploy`.*--kvs-arn/],
    ['Throttling', /Check the stack name/],
  ])('%s → %s', async (message, hint) => {
    const { awsHint } = await import('../../deploy/deploy.ts');
    expect(awsHint(new Error(message))).toMatch(hint);
  });
});

describe('stack settings', () => {
  it('reach cdk deploy as context only: the app does not read them from the environment again', async () => {
    const { cdkDeployEnv } = await import('../../deploy/deploy.ts');
    const env = { PATH: '/bin', DEPLOY_BUCKET: 'b', DEPLOY_DOMAIN: 'notes.example.org', DEPLOY_PRIVATE: 'true' };
    expect(cdkDeployEnv(env, 'eu-west-1')).toEqual({
      PATH: '/bin',
      DEPLOY_BUCKET: 'b',
      CDK_DISABLE_VERSION_CHECK: '1',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      AWS_REGION: 'eu-west-1',
      CDK_DEFAULT_REGION: 'eu-west-1',
    });
    expect(cdkDeployEnv({ PATH: '/bin' }, undefined)).toEqual({
      PATH: '/bin',
      CDK_DISABLE_VERSION_CHECK: '1',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    });
  });

  it('keeps what the stack was made with unless a flag changes it', () => {
    const current = {
      domain: 'notes.example.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
      private: true,
      reuseGithubOidc: false,
    };
    expect(mergeStackOptions({}, current)).toEqual(current);
    expect(mergeStackOptions({ private: false }, current).private).toBe(false);
    expect(mergeStackOptions({ noDomain: true }, current)).toEqual({ private: true, reuseGithubOidc: false });
    expect(
      mergeStackOptions(
        { domain: 'memo.example.org', hostedZoneId: 'Z0123456789ABCDEFGHIJ', hostedZoneName: 'example.org' },
        current,
      ),
    ).toEqual({
      domain: 'memo.example.org',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      hostedZoneName: 'example.org',
      private: true,
      reuseGithubOidc: false,
    });
    expect(() => mergeStackOptions({ domain: 'memo.example.org' }, undefined)).toThrow(DeployError);
  });

  it('reads the DeploySettings output, and ignores a broken one', () => {
    expect(settingsFromOutputs([{ OutputKey: 'DeploySettings', OutputValue: '{"private":true}' }])).toEqual({
      private: true,
    });
    expect(settingsFromOutputs([{ OutputKey: 'DeploySettings', OutputValue: '{' }])).toBeUndefined();
    expect(settingsFromOutputs([])).toBeUndefined();
  });
});
