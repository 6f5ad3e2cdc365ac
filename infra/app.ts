/** CDK app entry (cdk.json runs it with Node 24, which strips the types). */
import { App } from 'aws-cdk-lib';
import { CertificateStack } from './certificate-stack.ts';
import { SiteStack } from './site-stack.ts';
import { stackOptionsFrom } from './stack-options.ts';
import { SITE_STACK, STACK_NAME_CONTEXT, stackNameProblem } from './stack-outputs.ts';

const app = new App();
const options = stackOptionsFrom((key) => app.node.tryGetContext(key));
const description = 'Study notes static site: S3 + CloudFront';
// One stack per site (staging, production): `--context stack=NAME`, as `npm run deploy -- --stack NAME` passes it.
const stackName = String(app.node.tryGetContext(STACK_NAME_CONTEXT) ?? SITE_STACK);
const badName = stackNameProblem(stackName);
if (badName) throw new Error(badName);

if (options.domain && options.hostedZoneId && options.hostedZoneName) {
  // CloudFront's certificate must be in us-east-1; a cross-region reference needs both stacks'
  // regions, which come from the caller's configuration (AWS_REGION), still without any lookup.
  const region = process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION;
  if (!region) {
    throw new Error('A custom domain with a hosted zone needs the stack region: set AWS_REGION (or pass --region).');
  }
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const certificates = new CertificateStack(app, `${stackName}Certificate`, {
    description: `Certificate for ${options.domain} (us-east-1, for CloudFront)`,
    env: { account, region: 'us-east-1' },
    crossRegionReferences: true,
    domain: options.domain,
    hostedZoneId: options.hostedZoneId,
    hostedZoneName: options.hostedZoneName,
  });
  new SiteStack(app, stackName, {
    description,
    env: { account, region },
    crossRegionReferences: true,
    options,
    certificate: certificates.certificate,
  });
} else {
  // No `env`: the stack stays environment-agnostic so synth needs no account, region or lookups;
  // `cdk deploy` uses the region of the caller's AWS configuration.
  new SiteStack(app, stackName, { description, options });
}
app.synth();
