/**
 * The site's hosting: a private S3 bucket read by CloudFront through Origin Access Control, a
 * viewer-request function for directory URLs, and the security headers from security-headers.ts.
 * Environment-agnostic and lookup-free, so `cdk synth` runs offline without credentials.
 */
import {
  Aws,
  CfnOutput,
  Duration,
  Stack,
  type StackProps,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { URL_REWRITE_FUNCTION_PATH } from './functions/paths.ts';
import { securityHeaders } from './security-headers.ts';

/** Maps a plain header value onto the CDK enum that carries it, failing synth on a typo. */
function enumValue<T extends string>(values: Record<string, T>, value: string, what: string): T {
  const found = Object.values(values).find((candidate) => candidate === value);
  if (!found) throw new Error(`${what} "${value}" is not one CloudFront supports`);
  return found;
}

export class SiteStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const bucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // SSE-S3, not KMS: with SSE-S3 a single-part upload's ETag is its MD5, which the deploy's plan compares.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });

    const urlRewrite = new cloudfront.Function(this, 'UrlRewrite', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromFile({ filePath: URL_REWRITE_FUNCTION_PATH }),
      comment: 'Serve /a/ from /a/index.html; redirect /a to /a/',
    });

    const hsts = securityHeaders.strictTransportSecurity;
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'HSTS, nosniff, frame denial, referrer policy, CSP that lets Pagefind run',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: securityHeaders.contentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: {
          frameOption: enumValue(cloudfront.HeadersFrameOption, securityHeaders.frameOptions, 'X-Frame-Options'),
          override: true,
        },
        referrerPolicy: {
          referrerPolicy: enumValue(
            cloudfront.HeadersReferrerPolicy,
            securityHeaders.referrerPolicy,
            'Referrer-Policy',
          ),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(hsts.maxAgeSeconds),
          includeSubdomains: hsts.includeSubdomains,
          preload: hsts.preload,
          override: true,
        },
      },
    });

    // S3 answers 403 for a missing key (CloudFront may not list the bucket), so both mean "not found".
    const notFound = (httpStatus: number): cloudfront.ErrorResponse => ({
      httpStatus,
      responseHttpStatus: 404,
      responsePagePath: '/404.html',
      ttl: Duration.minutes(1),
    });

    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Study notes site',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        // CachingOptimized honours the objects' Cache-Control and normalises gzip/br.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: urlRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      errorResponses: [notFound(403), notFound(404)],
    });

    new CfnOutput(this, 'BucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'DistributionId', { value: distribution.distributionId });
    new CfnOutput(this, 'DistributionDomainName', { value: distribution.distributionDomainName });
    new CfnOutput(this, 'SiteUrl', { value: `https://${distribution.distributionDomainName}/` });
    new CfnOutput(this, 'Region', { value: Aws.REGION });
  }
}
