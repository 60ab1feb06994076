import type { RegionMarketplaces } from '../domain/region-rules.js';
import { CONFIGURED_REGIONS, loadRegionConfig, type RegionConfig } from './config/index.js';

/**
 * REGION_MARKETPLACES for a region's functions: the marketplaces it serves, each with its legal minimum
 * return window, so handlers refuse requests for another region's marketplaces and policies below the law.
 */
export const marketplacesEnvironment = (config: RegionConfig): string => {
  const served: RegionMarketplaces = Object.fromEntries(
    config.marketplaces.map((m) => [m.code, { minimumWindowDays: m.minimumWindowDays ?? 0 }]),
  );
  return JSON.stringify(served);
};

/** The local runtime and the tests stand for every region at once: all configured marketplaces. */
export const allRegionsMarketplacesEnvironment = (): string =>
  JSON.stringify(
    Object.assign(
      {},
      ...CONFIGURED_REGIONS.map((r) => JSON.parse(marketplacesEnvironment(loadRegionConfig(r)))),
    ),
  );
