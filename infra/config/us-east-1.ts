import type { RegionConfigInput } from './region-config-schema.js';

/** North America: US, CA, MX. Edit the e-mail addresses before the first deploy. */
export const usEast1 = {
  region: 'us-east-1',
  marketplaces: [
    {
      code: 'US',
      currency: 'USD',
      defaultLocale: 'en-US',
      defaultPolicy: {
        returnWindowDays: { default: 30, electronics: 30, apparel: 60, toys: 60 },
        restockingFeeBasisPoints: { OPENED: 0, USED: 1500, DAMAGED: 5000, MISSING_PARTS: 5000 },
        internationalRemorseFreight: 'BUYER',
      },
    },
    {
      code: 'CA',
      currency: 'CAD',
      defaultLocale: 'en-CA',
      defaultPolicy: {
        returnWindowDays: { default: 30, electronics: 30, apparel: 60 },
        restockingFeeBasisPoints: { OPENED: 0, USED: 1500, DAMAGED: 5000, MISSING_PARTS: 5000 },
        internationalRemorseFreight: 'BUYER',
      },
    },
    {
      code: 'MX',
      currency: 'MXN',
      defaultLocale: 'es-MX',
      defaultPolicy: {
        returnWindowDays: { default: 30 },
        restockingFeeBasisPoints: { USED: 1500, DAMAGED: 5000, MISSING_PARTS: 5000 },
        internationalRemorseFreight: 'BUYER',
      },
    },
  ],
  ses: { senderEmail: 'returns@example.com' },
  apiThrottling: { rateLimit: 100, burstLimit: 200 },
  alarmEmail: 'ops-alerts@example.com',
  waf: { enabled: true, rateLimitPer5Min: 2000 },
} satisfies RegionConfigInput;
