/**
 * The site's hosting: a private S3 bucket read by CloudFront through Origin Access Control, a
 * viewer-request function (directory URLs, the live release from a KeyValueStore, Basic auth for a
 * private site), and the security headers from security-headers.ts. Optionally a custom domain
 * and a deploy role for GitHub Actions (stack-options.ts). Lookup-free, so `cdk synth` runs
 * offline without credentials.
 */
import {
  Aws,
  CfnOutput,
  Duration,
  Stack,
  type StackProps,
  aws_certificatemanager as acm,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
  aws_route53 as route53,
  aws_route53_targets as targets,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DeployRole } from './deploy-role.ts';
import { viewerRequestSource } from './functions/viewer-request-source.ts';
import { securityHeaders } from './security-headers.ts';
import { STACK_OUTPUTS } from './stack-outputs.ts';
import type { StackOptions } from './stack-options.ts';

export interface SiteStackProps extends StackProps {
  options?: StackOptions;
  /** The custom domain's certificate from the us-east-1 CertificateStack (with a hosted zone). */
  certificate?: acm.ICertificate;
}

/** Maps a plain header value onto the CDK enum that carries it, failing synth on a typo. */
function enumValue<T extends string>(values: Record<string, T>, value: string, what: string): T {
  const found = Object.values(values).find((candidate) => candidate === value);
  if (!found) throw new Error(`${what} "${value}" is not one CloudFront supports`);
  return found;
}

export class SiteStack extends Stack {
  constructor(scope: Construct, id: string, props: SiteStackProps = {}) {
    super(scope, id, props);
    const options: StackOptions = props.options ?? { private: false, reuseGithubOidc: false };

    const bucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // SSE-S3, not KMS: with SSE-S3 a single-part upload's ETag is its MD5, which the deploy's plan compares.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });

    // The live release id (key `release`) and, for a private site, the credential record (`auth`):
    // written by `npm run deploy`, read by the function at every request.
    const keyValueStore = new cloudfront.KeyValueStore(this, 'SiteState', {
      comment: 'Live release id and private-site credentials, read by the viewer-request function',
    });

    const viewerRequest = new cloudfront.Function(this, 'ViewerRequest', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(viewerRequestSource({ private: options.private })),
      keyValueStore,
      comment: options.private
        ? 'Basic auth; serve the live release; /a/ from /a/index.html; /a to /a/'
        : 'Serve the live release; /a/ from /a/index.html; /a to /a/',
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

    const certificate =
      props.certificate ??
      (options.certificateArn
        ? acm.Certificate.fromCertificateArn(this, 'Certificate', options.certificateArn)
        : undefined);
    if (options.domain && !certificate) {
      throw new Error(`The custom domain ${options.domain} needs a certificate (see infra/app.ts).`);
    }

    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Study notes site',
      ...(options.domain && certificate ? { domainNames: [options.domain], certificate } : {}),
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
        functionAssociations: [{ function: viewerRequest, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      errorResponses: [notFound(403), notFound(404)],
    });

    // DNS records only when the stack made the certificate in a zone it knows; with
    // --certificate-arn the DNS is the owner's to point at the distribution.
    if (options.domain && options.hostedZoneId && options.hostedZoneName) {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: options.hostedZoneId,
        zoneName: options.hostedZoneName,
      });
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution));
      new route53.ARecord(this, 'AliasA', { zone, recordName: options.domain, target });
      new route53.AaaaRecord(this, 'AliasAAAA', { zone, recordName: options.domain, target });
    }

    if (options.githubRepo) {
      const deployRole = new DeployRole(this, 'GitHubDeploy', {
        repository: options.githubRepo,
        reuseProvider: options.reuseGithubOidc,
        bucket,
        keyValueStore,
        distribution,
      });
      new CfnOutput(this, STACK_OUTPUTS.deployRoleArn, { value: deployRole.role.roleArn });
    }

    new CfnOutput(this, STACK_OUTPUTS.bucket, { value: bucket.bucketName });
    new CfnOutput(this, STACK_OUTPUTS.distributionId, { value: distribution.distributionId });
    new CfnOutput(this, STACK_OUTPUTS.distributionDomainName, { value: distribution.distributionDomainName });
    new CfnOutput(this, STACK_OUTPUTS.keyValueStoreArn, { value: keyValueStore.keyValueStoreArn });
    new CfnOutput(this, STACK_OUTPUTS.siteUrl, {
      value: options.domain ? `https://${options.domain}/` : `https://${distribution.distributionDomainName}/`,
    });
    new CfnOutput(this, STACK_OUTPUTS.region, { value: Aws.REGION });
    // What this stack was made with, so the next `npm run deploy` keeps it unless told otherwise.
    new CfnOutput(this, STACK_OUTPUTS.settings, { value: JSON.stringify(options) });
  }
}
