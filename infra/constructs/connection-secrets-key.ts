import { RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The region's KMS key that seals sellers' connection secrets (Stripe and EasyPost keys, webhook
 * secrets) as an attribute of their connection item (docs/design.md §12), and the signing secrets of
 * their webhook endpoints on the endpoint's item (§15), each under its own encryption context. Rotated yearly by KMS, which
 * keeps the old key material, so sealed values stay readable. Retained in the stateful stack: deleting
 * it would make every stored secret unreadable.
 */
export class ConnectionSecretsKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description:
        "Seals sellers' connection secrets (Stripe, EasyPost) and webhook signing secrets in the returns table",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
