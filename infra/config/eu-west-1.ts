import type { RegionConfigInput } from './region-config-schema.js';

/**
 * Europe: UK, DE, FR, IT, ES. Buyers there have a 14-day statutory right of withdrawal, declared as
 * each marketplace's `minimumWindowDays`; the schema refuses any window below it.
 */
const euPolicy = {
  returnWindowDays: { default: 30, electronics: 30, apparel: 30 },
  restockingFeeBasisPoints: { OPENED: 0, USED: 1000, DAMAGED: 5000, MISSING_PARTS: 5000 },
  internationalRemorseFreight: 'BUYER',
} as const;

export const euWest1 = {
  region: 'eu-west-1',
  marketplaces: [
    { code: 'UK', currency: 'GBP', defaultLocale: 'en-GB', minimumWindowDays: 14, defaultPolicy: euPolicy },
    { code: 'DE', currency: 'EUR', defaultLocale: 'de-DE', minimumWindowDays: 14, defaultPolicy: euPolicy },
    { code: 'FR', currency: 'EUR', defaultLocale: 'fr-FR', minimumWindowDays: 14, defaultPolicy: euPolicy },
    { code: 'IT', currency: 'EUR', defaultLocale: 'it-IT', minimumWindowDays: 14, defaultPolicy: euPolicy },
    { code: 'ES', currency: 'EUR', defaultLocale: 'es-ES', minimumWindowDays: 14, defaultPolicy: euPolicy },
  ],
  ses: { senderEmail: 'returns@example.com', configurationSetName: 'returns-eu' },
  apiThrottling: { rateLimit: 100, burstLimit: 200 },
  alarmEmail: 'ops-alerts@example.com',
  waf: { enabled: true, rateLimitPer5Min: 2000 },
} satisfies RegionConfigInput;
