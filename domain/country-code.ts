import * as z from './zod.js';

/** A country as ISO 3166-1 alpha-2 (`US`, `DE`, `JP`): buyers, return addresses and carrier scans. */
export const CountryCodeSchema = z
  .string()
  .check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code'));
