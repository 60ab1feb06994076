import type { NewSeller } from '../../functions/use-cases/onboard-seller.js';

/** Two sellers to try the system with: one on the US and Canadian marketplaces, one in Japan. */
export const DEMO_SELLERS: NewSeller[] = [
  {
    sellerId: 'demo-acme',
    name: 'Acme Outdoor (demo)',
    email: 'returns@acme-outdoor.example',
    locale: 'en-US',
    marketplaces: ['US', 'CA'],
    returnAddress: {
      name: 'Acme Outdoor Returns',
      line1: '500 Warehouse Way',
      city: 'Reno',
      region: 'NV',
      postalCode: '89502',
      country: 'US',
    },
  },
  {
    sellerId: 'demo-kaito',
    name: 'Kaito Denki (demo)',
    email: 'henpin@kaito-denki.example',
    locale: 'ja-JP',
    marketplaces: ['JP'],
    returnAddress: {
      name: '海渡電機 返品センター',
      line1: '江東区有明3-7-1',
      city: '東京都',
      postalCode: '135-0063',
      country: 'JP',
    },
  },
];
