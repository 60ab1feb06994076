import { RegionMarketplacesSchema, type RegionMarketplaces } from '../../domain/region-rules.js';

/** The region's marketplaces and legal floors, from REGION_MARKETPLACES (set by the stack). */
export const regionFromEnv = (): RegionMarketplaces => {
  const raw = process.env.REGION_MARKETPLACES;
  if (!raw) throw new Error('REGION_MARKETPLACES is not set');
  return RegionMarketplacesSchema.parse(JSON.parse(raw));
};
