import type { RegionConfig } from './config/index.js';

/** Lambda allows 4 KB of environment in all; leave room for the other variables. */
const MAX_BYTES = 2048;

/**
 * The region's marketplaces and their default policies as one JSON environment variable
 * (REGION_MARKETPLACES), so handlers know which marketplaces this deployment serves without a lookup.
 * Keyed by marketplace code: `{ "DE": { currency, defaultLocale, minimumWindowDays?, defaultPolicy } }`.
 */
export const marketplacesEnvironment = (config: RegionConfig): string => {
  const json = JSON.stringify(
    Object.fromEntries(config.marketplaces.map(({ code, ...rest }) => [code, rest])),
  );
  if (Buffer.byteLength(json) > MAX_BYTES) {
    throw new Error(
      `marketplaces of ${config.region}: ${Buffer.byteLength(json)} bytes of JSON exceed the ${MAX_BYTES}-byte budget for REGION_MARKETPLACES`,
    );
  }
  return json;
};
