import { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { Carrier } from '../../domain/carriers/carriers.js';

/**
 * The carriers whose secrets the operator agrees with the carrier itself, so they start empty: an
 * empty list accepts no signature, and the webhook refuses that carrier until a secret is set.
 */
const AGREED_WITH_CARRIER: Record<Exclude<Carrier, 'generic'>, string[]> = {
  ups: [],
  fedex: [],
  usps: [],
};

/**
 * The HMAC secrets carrier webhooks are signed with, as one JSON object: carrier -> a secret, or a list
 * of secrets (all accepted, so a secret can be rotated with an overlap):
 * `{ "ups": [], "fedex": [], "usps": [], "generic": "<64 random characters>" }`.
 *
 * CloudFormation can generate one key of a JSON secret, so the deploy generates `generic` (the carrier
 * we hand our secret to) and leaves the others empty. To onboard or rotate a carrier, write the whole
 * object with `aws secretsmanager put-secret-value`, e.g. `"ups": ["<new>", "<old>"]`; once the carrier
 * signs with the new one, drop the old. Do not change the generator below: CloudFormation would then
 * generate a new value and overwrite the secrets set by hand.
 *
 * Retained and kept in the stateful stack: deleting it would break every carrier's webhook.
 */
export class CarrierWebhookSecrets extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'HMAC-SHA256 secrets of carrier webhooks: {"<carrier>": "<secret>" | ["<secret>", ...]}',
      generateSecretString: {
        secretStringTemplate: JSON.stringify(AGREED_WITH_CARRIER),
        generateStringKey: 'generic',
        passwordLength: 64,
        // Letters and digits only: safe to paste into a carrier's console, a header or a shell.
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(this.secret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          "Carriers' webhook secrets are rotated by hand with an overlap (the webhook accepts several secrets per carrier), since the carrier must be told the new secret; a rotation Lambda cannot do that",
      },
    ]);
  }
}
