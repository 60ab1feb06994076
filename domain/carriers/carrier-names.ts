import { CARRIERS, type Carrier } from './carriers.js';

/** The names buyers know the carriers by; brand names, the same in every language. */
export const CARRIER_NAMES: Readonly<Record<Exclude<Carrier, 'generic'>, string>> = {
  ups: 'UPS',
  fedex: 'FedEx',
  usps: 'USPS',
};

export const isCarrier = (code: string): code is Carrier => (CARRIERS as readonly string[]).includes(code);
