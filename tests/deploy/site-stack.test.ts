import { beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { viewerRequestSource } from '../../infra/functions/viewer-request-source.ts';
import { contentSecurityPolicy, inlineScriptHashes, securityHeaderValues } from '../../infra/security-headers.ts';
import { CertificateStack } from '../../infra/certificate-stack.ts';
import { SiteStack } from '../../infra/site-stack.ts';
import { parseStackOptions, StackOptionError, type OptionInputs } from '../../infra/stack-options.ts';

let template: Template;

beforeAll(() => {
  template = Template.fromStack(new SiteStack(new App(), 'TestSite'));
});

const distributionConfig = () =>
  Object.values(template.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;

describe('SiteStack', () => {
  it('keeps the bucket private, encrypted and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    // No website hosting: CloudFront reads the REST endpoint.
    const [bucket] = Object.values(template.findResources('AWS::S3::Bucket'));
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('reads the bucket through Origin Access Control, not OAI or the website endpoint', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const [origin] = distributionConfig().Origins;
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(origin.S3OriginConfig).toBeDefined();
    expect(origin.CustomOriginConfig).toBeUndefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
  });

  it('serves HTTPS only over HTTP/2 and HTTP/3, compressed, with index.html at the root', () => {
    const config = distributionConfig();
    expect(config).toMatchObject({ DefaultRootObject: 'index.html', HttpVersion: 'http2and3', Enabled: true });
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true });
    // CachingOptimized: gzip and Brotli normalised into the cache key.
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
  });

  it('answers 403 and 404 with /404.html and status 404', () => {
    expect(distributionConfig().CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
      { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
    ]);
  });

  it('runs the viewer-request function (cloudfront-js-2.0) with the KeyValueStore that names the live release', () => {
    template.resourceCountIs('AWS::CloudFront::KeyValueStore', 1);
    const [fn] = Object.values(template.findResources('AWS::CloudFront::Function'));
    expect(fn.Properties).toMatchObject({
      AutoPublish: true,
      FunctionConfig: {
        Runtime: 'cloudfront-js-2.0',
        KeyValueStoreAssociations: [
          { KeyValueStoreARN: { 'Fn::GetAtt': [expect.stringMatching(/^SiteState/), 'Arn'] } },
        ],
      },
      FunctionCode: viewerRequestSource({ private: false }),
    });
    expect(fn.Properties.FunctionCode).toContain('var PRIVATE = false;');
    expect(distributionConfig().DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^ViewerRequest/), 'FunctionARN'] },
      },
    ]);
  });

  it('attaches the security headers policy with the shared CSP', () => {
    const headers = securityHeaderValues();
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: contentSecurityPolicy, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: headers['referrer-policy'], Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
        },
      },
    });
    expect(distributionConfig().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: expect.stringMatching(/^SecurityHeaders/),
    });
  });

  it('exports the outputs npm run deploy reads', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual([
      'BucketName',
      'DeploySettings',
      'DistributionDomainName',
      'DistributionId',
      'KeyValueStoreArn',
      'Region',
      'SiteUrl',
    ]);
    expect(template.toJSON().Outputs.SiteUrl.Value).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^Distribution/), 'DomainName'] }, '/']],
    });
    // Without the options: no domain, no role, no DNS.
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    expect(distributionConfig().Aliases).toBeUndefined();
  });

  it('is environment-agnostic and needs no lookups', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/\d{12}/); // no account id baked in
    expect(json).not.toMatch(/AWS::CDK::Metadata/);
  });
});

describe('content security policy', () => {
  it('allows no inline or eval script but lets Pagefind compile wasm and start workers', () => {
    const directives = Object.fromEntries(
      contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", ...inlineScriptHashes]);
    expect(inlineScriptHashes.every((hash) => /^'sha256-[A-Za-z0-9+/]{43}='$/.test(hash))).toBe(true);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    // Remote images of notes (Zenn's storage, S3) over https only; no frame source beyond default-src.
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'https:']);
    expect(directives['frame-src']).toBeUndefined();
    expect(directives['child-src']).toBeUndefined();
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    expect(contentSecurityPolicy).not.toMatch(/'unsafe-eval'|\*/);
    // CloudFront's limit for the CSP header value.
    expect(contentSecurityPolicy.length).toBeLessThanOrEqual(1783);
  });

  it('sends the headers a browser test can reuse verbatim', () => {
    expect(securityHeaderValues()).toEqual({
      'content-security-policy': contentSecurityPolicy,
      'strict-transport-security': 'max-age=63072000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
  });
});

const ZONE = { domain: 'notes.example.org', hostedZoneId: 'Z0123456789ABCDEFGHIJ', hostedZoneName: 'example.org' };
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';

function stacksWith(inputs: OptionInputs) {
  const app = new App();
  const options = parseStackOptions(inputs);
  const env = { account: '123456789012', region: 'ap-northeast-1' };
  const certificates =
    options.hostedZoneId && options.domain
      ? new CertificateStack(app, 'Cert', {
          env: { ...env, region: 'us-east-1' },
          crossRegionReferences: true,
          domain: options.domain,
          hostedZoneId: options.hostedZoneId,
          hostedZoneName: options.hostedZoneName!,
        })
      : undefined;
  const site = new SiteStack(app, 'Site', {
    options,
    ...(certificates ? { env, crossRegionReferences: true, certificate: certificates.certificate } : {}),
  });
  return { site: Template.fromStack(site), cert: certificates && Template.fromStack(certificates) };
}

describe('custom domain', () => {
  it('with a hosted zone: a DNS-validated certificate in us-east-1, the alias on the distribution, A and AAAA records', () => {
    const { site, cert } = stacksWith(ZONE);
    cert!.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'notes.example.org',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'notes.example.org', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
    const config = Object.values(site.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['notes.example.org']);
    expect(config.ViewerCertificate).toMatchObject({
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    for (const type of ['A', 'AAAA']) {
      site.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'notes.example.org.',
        Type: type,
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        // An alias to the distribution (CloudFront's own zone, from CDK's partition map).
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Distribution'), 'DomainName'] },
          HostedZoneId: {
            'Fn::FindInMap': ['AWSCloudFrontPartitionHostedZoneIdMap', { Ref: 'AWS::Partition' }, 'zoneId'],
          },
        },
      });
    }
    site.resourceCountIs('AWS::Route53::RecordSet', 2);
    expect(site.toJSON().Outputs.SiteUrl.Value).toBe('https://notes.example.org/');
  });

  it('with --certificate-arn: that certificate, and no DNS records', () => {
    const { site, cert } = stacksWith({ domain: 'notes.example.org', certificateArn: CERT });
    expect(cert).toBeUndefined();
    const config = Object.values(site.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['notes.example.org']);
    expect(config.ViewerCertificate.AcmCertificateArn).toBe(CERT);
    site.resourceCountIs('AWS::Route53::RecordSet', 0);
    site.resourceCountIs('AWS::CertificateManager::Certificate', 0);
  });

  it.each([
    [{ domain: 'notes.example.org' }, /needs --hosted-zone-id and --hosted-zone-name .* or --certificate-arn/],
    [{ ...ZONE, certificateArn: CERT }, /either --certificate-arn .* not both/],
    [{ ...ZONE, hostedZoneName: 'example.com' }, /not in the hosted zone example\.com/],
    [{ hostedZoneId: 'Z0123456789ABCDEFGHIJ' }, /needs a custom domain/],
    [{ domain: 'https://notes.example.org' }, /must be a host name/],
    [{ domain: 'notes..example.org', certificateArn: CERT }, /must be a host name/],
    [{ ...ZONE, hostedZoneId: 'zone-1' }, /hosted zone id must look like/],
    [
      { domain: 'notes.example.org', certificateArn: CERT.replace('us-east-1', 'eu-west-1') },
      /needs a certificate in us-east-1/,
    ],
    [{ githubRepo: 'owner' }, /must be owner\/name/],
    [{ githubRepo: 'owner/..' }, /must be owner\/name/],
    [{ githubRepo: 'own er/name' }, /must be owner\/name/],
    [{ reuseGithubOidc: 'true' }, /needs a GitHub repository/],
    [{ private: 'maybe' }, /private must be true or false/],
  ])('refuses %j in one line', (inputs, message) => {
    expect(() => parseStackOptions(inputs as OptionInputs)).toThrow(StackOptionError);
    expect(() => parseStackOptions(inputs as OptionInputs)).toThrow(message);
  });
});

describe('private site', () => {
  it('turns on Basic auth in the function and nothing else', () => {
    const { site } = stacksWith({ private: 'true' });
    const [fn] = Object.values(site.findResources('AWS::CloudFront::Function'));
    expect(fn.Properties.FunctionCode).toBe(viewerRequestSource({ private: true }));
    expect(fn.Properties.FunctionCode).toContain('var PRIVATE = true;');
  });
});

describe('GitHub Actions deploy role', () => {
  const { site } = stacksWith({ githubRepo: 'aws-memo/notes' });
  const roles = site.findResources('AWS::IAM::Role');
  const [role] = Object.values(roles);
  const policies = Object.values(site.findResources('AWS::IAM::Policy'));

  it("creates GitHub's OIDC provider for sts.amazonaws.com", () => {
    site.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
  });

  it("trusts only this repository's main branch, through that provider, for STS", () => {
    expect(Object.keys(roles)).toHaveLength(1);
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { Ref: expect.stringMatching(/GitHubOidc/) } },
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:aws-memo/notes:ref:refs/heads/main',
          },
        },
      },
    ]);
    expect(role.Properties.MaxSessionDuration).toBe(3600);
  });

  it('allows exactly what the deploy does, on this bucket, KeyValueStore and distribution', () => {
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.Roles).toEqual([{ Ref: Object.keys(roles)[0] }]);
    const bucketArn = { 'Fn::GetAtt': [expect.stringMatching(/^SiteBucket/), 'Arn'] };
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'ListSiteBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
      {
        Sid: 'PublishReleases',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: { 'Fn::Join': ['', [bucketArn, '/*']] },
      },
      {
        Sid: 'SwitchRelease',
        Effect: 'Allow',
        Action: [
          'cloudfront-keyvaluestore:DescribeKeyValueStore',
          'cloudfront-keyvaluestore:GetKey',
          'cloudfront-keyvaluestore:PutKey',
        ],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SiteState/), 'Arn'] },
      },
      {
        Sid: 'InvalidateDistribution',
        Effect: 'Allow',
        Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':cloudfront::',
              { Ref: 'AWS::AccountId' },
              ':distribution/',
              { Ref: expect.stringMatching(/^Distribution/) },
            ],
          ],
        },
      },
    ]);
    // Independent of the exact shape: no wildcard action, no wildcard resource anywhere.
    const json = JSON.stringify(policies[0].Properties.PolicyDocument);
    expect(json).not.toMatch(/"Action":"[^"]*\*/);
    expect(json).not.toMatch(/"Resource":"\*"/);
    site.hasOutput('DeployRoleArn', {});
  });

  it("reuses the account's provider when asked, instead of creating a second one", () => {
    const reused = stacksWith({ githubRepo: 'aws-memo/notes', reuseGithubOidc: 'true' }).site;
    reused.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    const [trust] = Object.values(reused.findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument
      .Statement;
    expect(JSON.stringify(trust.Principal)).toContain('oidc-provider/token.actions.githubusercontent.com');
  });
});
