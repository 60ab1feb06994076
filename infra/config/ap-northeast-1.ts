import type { RegionConfigInput } from './region-config-schema.js';

/** Japan. WAF is off here (low volume); stage throttling still caps the request rate. */
export const apNortheast1 = {
  region: 'ap-northeast-1',
  marketplaces: [
    {
      code: 'JP',
      currency: 'JPY',
      defaultLocale: 'ja-JP',
      defaultPolicy: {
        returnWindowDays: { default: 30, apparel: 30 },
        restockingFeeBasisPoints: { USED: 1000, DAMAGED: 5000, MISSING_PARTS: 5000 },
        internationalRemorseFreight: 'BUYER',
      },
    },
  ],
  ses: { senderEmail: 'returns@example.com' },
  apiThrottling: { rateLimit: 50, burstLimit: 100 },
  alarmEmail: 'ops-alerts@example.com',
  waf: { enabled: false, rateLimitPer5Min: 1000 },
} satisfies RegionConfigInput;
