import type { CarrierPort } from '../../../domain/ports.js';
import { FakeCarrier } from '../../adapters/fake-carrier.js';

/** The carrier that sells return labels: the fake one until a real carrier adapter lands. */
export const carrier: CarrierPort = new FakeCarrier(process.env.FAKE_CARRIER_CONTROL_FILE);
