/** CDK app entry (cdk.json runs it with Node 24, which strips the types). */
import { App } from 'aws-cdk-lib';
import { DEFAULT_STACK } from '../deploy/config.ts';
import { SiteStack } from './site-stack.ts';

const app = new App();
// No `env`: the stack stays environment-agnostic so synth needs no account, region or lookups;
// `cdk deploy` uses the region of the caller's AWS configuration.
new SiteStack(app, DEFAULT_STACK, { description: 'Study notes static site: S3 + CloudFront' });
app.synth();
