import { Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { ReturnsTable } from '../constructs/returns-table.js';

/**
 * Everything that holds data, apart from the code: redeploying or even deleting the stateless stack
 * never touches it (the table is also retained and deletion-protected).
 */
export class StatefulStack extends Stack {
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.table = new ReturnsTable(this, 'Returns').table;
  }
}
