import * as z from './zod.js';
import type { Currency } from './money.js';

/**
 * The marketplaces a seller can sell on, with their currency, the buyer's default locale, and who pays
 * return freight on an international buyer-remorse return.
 */
export const MARKETPLACES = {
  US: { currency: 'USD', locale: 'en-US', country: 'US', internationalRemorseFreight: 'BUYER' },
  CA: { currency: 'CAD', locale: 'en-CA', country: 'CA', internationalRemorseFreight: 'BUYER' },
  MX: { currency: 'MXN', locale: 'es-MX', country: 'MX', internationalRemorseFreight: 'BUYER' },
  UK: { currency: 'GBP', locale: 'en-GB', country: 'GB', internationalRemorseFreight: 'BUYER' },
  DE: { currency: 'EUR', locale: 'de-DE', country: 'DE', internationalRemorseFreight: 'BUYER' },
  FR: { currency: 'EUR', locale: 'fr-FR', country: 'FR', internationalRemorseFreight: 'BUYER' },
  IT: { currency: 'EUR', locale: 'it-IT', country: 'IT', internationalRemorseFreight: 'BUYER' },
  ES: { currency: 'EUR', locale: 'es-ES', country: 'ES', internationalRemorseFreight: 'BUYER' },
  JP: { currency: 'JPY', locale: 'ja-JP', country: 'JP', internationalRemorseFreight: 'BUYER' },
} as const satisfies Record<
  string,
  { currency: Currency; locale: string; country: string; internationalRemorseFreight: 'BUYER' | 'SELLER' }
>;

export type Marketplace = keyof typeof MARKETPLACES;

export const MarketplaceSchema = z.enum(Object.keys(MARKETPLACES) as [Marketplace, ...Marketplace[]]);

export const marketplaceCurrency = (m: Marketplace): Currency => MARKETPLACES[m].currency;
