import { documentClient, tableNameFromEnv } from '../adapters/dynamodb/document-client.js';
import { DynamoPolicyRepository } from '../adapters/dynamodb/policy-repository.js';
import { DynamoReturnRepository } from '../adapters/dynamodb/return-repository.js';
import { DynamoSellerRepository } from '../adapters/dynamodb/seller-repository.js';
import type { Clock, Mailer } from '../../domain/ports.js';
import type { CarrierPort } from '../../domain/carrier-port.js';
import { FakeCarrier } from '../adapters/fake-carrier.js';
import { carrierSecretsFromEnv, type CarrierSecrets } from '../adapters/carrier-secrets.js';
import { mailerFromEnv } from '../adapters/ses-mailer.js';
import { pipelineFromEnv } from '../adapters/step-functions.js';
import type { PipelinePort } from '../pipeline/pipeline-port.js';

/**
 * The composition root: adapters created once per function instance, at module scope, and handed to
 * use cases as ports. Handlers import from here and nowhere else for I/O.
 */
const table = { client: documentClient, tableName: tableNameFromEnv() };

export const returns = new DynamoReturnRepository(table);
export const sellers = new DynamoSellerRepository(table);
export const policies = new DynamoPolicyRepository(table);
export const clock: Clock = { now: () => new Date() };
export const carrier: CarrierPort = new FakeCarrier(process.env.FAKE_CARRIER_CONTROL_FILE);

let sesMailer: Mailer | undefined;
/** Created on first use: only the functions that send mail are given SENDER_EMAIL. */
export const mailer: Mailer = { send: (message) => (sesMailer ??= mailerFromEnv()).send(message) };

/** Only the functions that start runs are given STATE_MACHINE_ARN; answering a task needs just its token. */
export const pipeline: PipelinePort = pipelineFromEnv();

let carrierSecretStore: CarrierSecrets | undefined;
/**
 * Created on first use: only the carrier webhook is given CARRIER_SECRETS_ARN (locally, CARRIER_SECRETS_FILE).
 */
export const carrierSecrets: CarrierSecrets = {
  secretsFor: (name) => (carrierSecretStore ??= carrierSecretsFromEnv()).secretsFor(name),
};
