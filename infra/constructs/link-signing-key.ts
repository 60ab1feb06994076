import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The region's HMAC key that signs the buyer's links (replies, offers: docs/design.md "Buyer links"):
 * HMAC_256 for GenerateMac/VerifyMac, so the key material never leaves KMS. KMS does not rotate HMAC
 * keys; replacing it only breaks the links then open (they expire within 30 days anyway). Retained in
 * the stateful stack beside the connection secrets' key.
 */
export class LinkSigningKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: "Signs the buyers' reply and offer links (HMAC)",
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
