import { openReturn } from '../../../domain/open-return.js';
import { defaultPolicy, type ReturnAddress, type StoredPolicy } from '../../../domain/policy.js';
import type { CreateReturnRequest } from '../../../domain/return-request.js';
import type { Status } from '../../../domain/return.js';
import { toReturnView, type ReturnView } from '../return-view.js';

/**
 * The document's examples. The return is opened by the domain itself from the create example, so the
 * examples show what the API really answers; a test parses every one with its schema.
 */
export const CREATE_RETURN_EXAMPLE: CreateReturnRequest = {
  orderId: '113-1234567-1234567',
  marketplace: 'US',
  buyer: {
    email: 'buyer@example.com',
    locale: 'en-US',
    country: 'US',
    address: {
      name: 'Jane Buyer',
      line1: '12 Elm Street',
      city: 'Austin',
      region: 'TX',
      postalCode: '73301',
      country: 'US',
    },
  },
  deliveredAt: '2026-11-01T10:00:00Z',
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
};

const RETURN_ADDRESS: ReturnAddress = {
  name: 'Returns dock',
  line1: '1 Dock St',
  city: 'Reno',
  region: 'NV',
  postalCode: '89502',
  country: 'US',
};

export const POLICY_EXAMPLE = defaultPolicy('US', RETURN_ADDRESS);

export const STORED_POLICY_EXAMPLE: StoredPolicy = {
  ...POLICY_EXAMPLE,
  sellerId: 'seller-acme',
  version: 2,
  updatedAt: '2026-10-20T08:00:00.000Z',
};

const ID = '01KB5Z3J8N4Q7R2T6V9W0X1Y2Z';

const opened = openReturn({
  id: ID,
  rma: 'RMA-N4Q7R-2T6V9',
  sellerId: STORED_POLICY_EXAMPLE.sellerId,
  request: CREATE_RETURN_EXAMPLE,
  policy: POLICY_EXAMPLE,
  now: new Date('2026-11-05T09:30:00Z'),
});

/** The answer to the create example: the default US policy authorizes it, and says why. */
export const RETURN_EXAMPLE: ReturnView = toReturnView(opened);

export const TIMELINE_EXAMPLE = opened.timeline;

/** The same return, later in its life. */
export const returnExample = (status: Status, change: Partial<ReturnView> = {}): ReturnView => ({
  ...RETURN_EXAMPLE,
  ...change,
  status,
  version: RETURN_EXAMPLE.version + 1,
  updatedAt: '2026-11-06T14:00:00.000Z',
});

export const RETURN_ID_EXAMPLE = ID;
