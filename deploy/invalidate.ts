/** `--invalidate`: a whole-site invalidation. A release switch never needs one (see cache-rules.ts). */
import { randomUUID } from 'node:crypto';
import {
  CreateInvalidationCommand,
  waitUntilInvalidationCompleted,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront';
import { DeployError } from './deploy-error.ts';

export async function invalidateAll(
  cloudFront: CloudFrontClient,
  distributionId: string,
  waitSeconds: number,
  onCreated?: (id: string) => void,
): Promise<string> {
  const created = await cloudFront.send(
    new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: {
        CallerReference: `deploy-${Date.now()}-${randomUUID()}`,
        Paths: { Quantity: 1, Items: ['/*'] },
      },
    }),
  );
  const id = created.Invalidation?.Id;
  if (!id) throw new DeployError('CloudFront did not return an invalidation id.');
  onCreated?.(id);
  await waitUntilInvalidationCompleted(
    { client: cloudFront, maxWaitTime: waitSeconds, minDelay: 5, maxDelay: 30 },
    { DistributionId: distributionId, Id: id },
  );
  return id;
}
