import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DESCRIPTION } from '../../functions/adapters/dynamodb/table-design.js';

/**
 * The single table, declared from the adapters' own TABLE_DESCRIPTION so keys, GSIs, their projections
 * and TTL cannot drift from the code that reads them.
 *
 * `Table` (AWS::DynamoDB::Table) rather than `TableV2`: cdk-nag's DynamoDB rules inspect only
 * AWS::DynamoDB::Table, so with TableV2 the PITR check would pass without looking. Encryption uses
 * the AWS managed key: encrypted at rest with KMS, no key policy to keep in step with every function
 * role across stacks, and no per-request KMS charge; a customer managed key is a one-line change here.
 * Its stream (new images) drives the events' dispatcher in the API stack.
 */
export class ReturnsTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const d = TABLE_DESCRIPTION;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: d.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: d.sortKey.name, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: d.timeToLiveAttribute,
      // The events' dispatcher reads it (docs/design.md §14): the new image, filtered to items with work.
      stream: StreamViewType.NEW_IMAGE,
    });
    for (const gsi of d.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey.name, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey.name, type: AttributeType.STRING },
        projectionType: ProjectionType[gsi.projection],
        ...(gsi.projection === 'INCLUDE' ? { nonKeyAttributes: [...gsi.nonKeyAttributes] } : {}),
      });
    }
  }
}
