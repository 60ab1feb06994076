/** Request bodies the tests use, relative to today so windows behave the same any day. */
export const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();

export const createBody = (overrides: Record<string, unknown> = {}) => ({
  orderId: '113-1234567-1234567',
  marketplace: 'US',
  buyer: { email: 'buyer@example.com', locale: 'en-US', country: 'US' },
  deliveredAt: daysAgo(5),
  items: [
    {
      sku: 'SKU-1',
      category: 'electronics',
      quantity: 1,
      unitPrice: { amount: 2599, currency: 'USD' },
      tax: { amount: 208, currency: 'USD' },
    },
  ],
  reason: 'DEFECTIVE',
  comment: 'Screen flickers',
  ...overrides,
});
