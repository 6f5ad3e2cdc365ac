import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { URL_REWRITE_FUNCTION_PATH } from '../../infra/functions/paths.ts';
import { contentSecurityPolicy, inlineScriptHashes, securityHeaderValues } from '../../infra/security-headers.ts';
import { SiteStack } from '../../infra/site-stack.ts';

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

  it('runs the url-rewrite function (cloudfront-js-2.0) on viewer request', () => {
    template.hasResourceProperties('AWS::CloudFront::Function', {
      AutoPublish: true,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      FunctionCode: readFileSync(URL_REWRITE_FUNCTION_PATH, 'utf8'),
    });
    expect(distributionConfig().DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^UrlRewrite/), 'FunctionARN'] },
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
    for (const key of ['BucketName', 'DistributionId', 'Region', 'SiteUrl']) template.hasOutput(key, {});
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
