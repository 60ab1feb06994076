import type { PaymentPort } from '../../../domain/ports.js';
import { documentClient, tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import { FakePaymentProvider } from '../../adapters/fake-payment-provider.js';

/**
 * The payment provider that pays refunds and concessions: the fake one (its ledger in our table, its
 * failures switched by FAKE_PAYMENT_CONTROL_FILE) until a real provider adapter lands.
 */
export const payments: PaymentPort = new FakePaymentProvider({
  client: documentClient,
  tableName: tableNameFromEnv(),
  controlFile: process.env.FAKE_PAYMENT_CONTROL_FILE,
});
