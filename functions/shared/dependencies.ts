import { documentClient, tableNameFromEnv } from '../adapters/dynamodb/document-client.js';
import { DynamoPolicyRepository } from '../adapters/dynamodb/policy-repository.js';
import { DynamoReturnRepository } from '../adapters/dynamodb/return-repository.js';
import { DynamoSellerRepository } from '../adapters/dynamodb/seller-repository.js';
import type { Clock, Mailer } from '../../domain/ports.js';
import { mailerFromEnv } from '../adapters/ses-mailer.js';

/**
 * The composition root: adapters created once per function instance, at module scope, and handed to
 * use cases as ports. Handlers import from here and nowhere else for I/O.
 */
const table = { client: documentClient, tableName: tableNameFromEnv() };

export const returns = new DynamoReturnRepository(table);
export const sellers = new DynamoSellerRepository(table);
export const policies = new DynamoPolicyRepository(table);
export const clock: Clock = { now: () => new Date() };

let sesMailer: Mailer | undefined;
/** Created on first use: only the functions that send mail are given SENDER_EMAIL. */
export const mailer: Mailer = { send: (message) => (sesMailer ??= mailerFromEnv()).send(message) };
