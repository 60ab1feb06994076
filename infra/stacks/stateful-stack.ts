import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { CarrierWebhookSecrets } from '../constructs/carrier-webhook-secrets.js';
import { ConnectionSecretsKey } from '../constructs/connection-secrets-key.js';
import { ReturnsTable } from '../constructs/returns-table.js';

/**
 * Everything that holds data, apart from the code: redeploying or even deleting the stateless stack
 * never touches it (the table is also retained and deletion-protected).
 */
export class StatefulStack extends Stack {
  readonly table: ITable;
  /** The carriers' webhook signing secrets: `{ "<carrier>": "<secret>" | ["<secret>", ...] }`. */
  readonly carrierSecrets: ISecret;
  /** Seals sellers' connection secrets (Stripe, EasyPost) in the table. */
  readonly connectionSecretsKey: IKey;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.table = new ReturnsTable(this, 'Returns').table;
    this.carrierSecrets = new CarrierWebhookSecrets(this, 'CarrierWebhookSecrets').secret;
    this.connectionSecretsKey = new ConnectionSecretsKey(this, 'ConnectionSecrets').key;
    // Operators write carriers' secrets here (aws secretsmanager put-secret-value --secret-id <arn>).
    new CfnOutput(this, 'CarrierWebhookSecretsArn', {
      value: this.carrierSecrets.secretArn,
      description: 'The secret holding each carrier webhook signing secret (set and rotate them by hand)',
    });
    // The admin CLI (`npm run admin -- ... --region <r>`) finds the generated table name here.
    new CfnOutput(this, 'TableName', {
      value: this.table.tableName,
      description: 'The generated name of the returns table (read by npm run admin -- --region)',
    });
  }
}
