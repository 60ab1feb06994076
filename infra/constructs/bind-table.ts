import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { GSI } from '../../functions/adapters/dynamodb/table-design.js';
import type { ReturnsFunction } from './returns-function.js';

export type TableAccess = 'read' | 'readWrite';

/**
 * Exactly the DynamoDB actions the handlers use. No Scan (DESIGN §6: request paths use keys and GSIs
 * only), no batch or transaction writes (every write is one conditional single-item write).
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
} as const;

/**
 * Grants a function the table access its route declares and sets TABLE_NAME in the same call, so the
 * grant and the configuration can't drift apart. Queries on the GSIs are granted index by index, by
 * name, instead of `index/*`.
 */
export const bindTable = (fn: ReturnsFunction, table: ITable, access: TableAccess): void => {
  fn.function.addEnvironment('TABLE_NAME', table.tableName);
  fn.function.addToRolePolicy(
    new PolicyStatement({
      actions: access === 'read' ? [...TABLE_ACTIONS.read] : [...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write],
      resources: [table.tableArn],
    }),
  );
  fn.function.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: Object.values(GSI).map((index) => `${table.tableArn}/index/${index.indexName}`),
    }),
  );
};
