import { documentClient, tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import { DynamoNotificationLedger } from '../../adapters/dynamodb/notification-ledger.js';
import { DynamoPolicyRepository } from '../../adapters/dynamodb/policy-repository.js';
import { DynamoReturnRepository } from '../../adapters/dynamodb/return-repository.js';
import { DynamoReturnAnalytics } from '../../adapters/dynamodb/return-counters.js';
import { DynamoSellerRepository } from '../../adapters/dynamodb/seller-repository.js';
import type { Clock } from '../../../domain/ports.js';
import { reminderLeadFromEnv } from '../reminder-lead.js';

/**
 * The composition root, split by adapter so each function bundles only the clients it uses: created once
 * per function instance, at module scope, and handed to use cases as ports. This part: the table.
 */
const table = { client: documentClient, tableName: tableNameFromEnv() };

export const reminderLead = reminderLeadFromEnv();
export const returns = new DynamoReturnRepository({ ...table, reminderLead });
export const sellers = new DynamoSellerRepository(table);
export const policies = new DynamoPolicyRepository(table);
export const analytics = new DynamoReturnAnalytics(table);
export const notificationLedger = new DynamoNotificationLedger(table);
export const clock: Clock = { now: () => new Date() };
