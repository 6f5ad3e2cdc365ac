/**
 * The custom domain's certificate, in us-east-1 as CloudFront requires, DNS-validated in the
 * Route 53 zone (found by id and name: no lookup). A stack of its own so the site's stack may live
 * in any region; the site stack takes the certificate through a cross-region reference.
 */
import { Stack, type StackProps, aws_certificatemanager as acm, aws_route53 as route53 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export interface CertificateStackProps extends StackProps {
  domain: string;
  hostedZoneId: string;
  hostedZoneName: string;
}

export class CertificateStack extends Stack {
  readonly certificate: acm.ICertificate;

  constructor(scope: Construct, id: string, props: CertificateStackProps) {
    super(scope, id, props);
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: props.hostedZoneId,
      zoneName: props.hostedZoneName,
    });
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domain,
      validation: acm.CertificateValidation.fromDns(zone),
    });
  }
}
