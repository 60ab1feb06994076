import type { LabelProviders } from '../../../domain/ports.js';
import { ConnectedLabelProviders } from '../../adapters/easypost/label-providers.js';
import { FakeCarrier } from '../../adapters/fake-carrier.js';
import { connections } from './connections.js';

/**
 * Where each seller's return labels come from: its EasyPost connection (EASYPOST_API_BASE points the SDK
 * at a stand-in). The fake carrier stands in for sellers without one only where its control file is
 * configured (FAKE_CARRIER_CONTROL_FILE: `npm start` and the tests); the stack sets none.
 */
const fakeCarrierFile = process.env.FAKE_CARRIER_CONTROL_FILE;

export const labels: LabelProviders = new ConnectedLabelProviders({
  credentialsOf: async (sellerId) => {
    const connection = await connections.get(sellerId, 'easypost');
    if (!connection?.secrets.apiKey) return undefined;
    const accounts = connection.settings.carrierAccounts;
    return {
      apiKey: connection.secrets.apiKey,
      ...(Array.isArray(accounts) ? { carrierAccounts: accounts } : {}),
    };
  },
  apiBase: process.env.EASYPOST_API_BASE,
  fallback: fakeCarrierFile ? new FakeCarrier(fakeCarrierFile) : undefined,
});
