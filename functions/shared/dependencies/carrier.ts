import type { LabelProviders } from '../../../domain/ports.js';
import { ConnectedLabelProviders } from '../../adapters/easypost/label-providers.js';
import { FakeCarrier } from '../../adapters/fake-carrier.js';

/**
 * Where each seller's return labels come from: its EasyPost connection (EASYPOST_API_BASE points the SDK
 * at a stand-in). The fake carrier stands in for sellers without one only where its control file is
 * configured (FAKE_CARRIER_CONTROL_FILE: `npm start` and the tests); the stack sets none.
 */
const fakeCarrierFile = process.env.FAKE_CARRIER_CONTROL_FILE;

export const labels: LabelProviders = new ConnectedLabelProviders({
  // Replaced by the connection store once it lands (see the report): until then nobody is connected.
  credentialsOf: async () => undefined,
  apiBase: process.env.EASYPOST_API_BASE,
  fallback: fakeCarrierFile ? new FakeCarrier(fakeCarrierFile) : undefined,
});
