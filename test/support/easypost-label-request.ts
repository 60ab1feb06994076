import { randomUUID } from 'node:crypto';
import type { IssuedLabel, LabelRequest } from '../../domain/ports.js';
import type { Label } from '../../domain/return.js';
import { BUYER_ADDRESS } from './requests.js';
import { TEST_RETURN_ADDRESS } from './return-factory.js';

/** A UPS return label request from the test buyer to the test return address, for a fresh return. */
export const easyPostLabelRequest = (overrides: Partial<LabelRequest> = {}): LabelRequest => ({
  returnId: `ret-${randomUUID()}`,
  rma: 'RMA-ABCDE-12345',
  carrier: 'ups',
  returnAddress: TEST_RETURN_ADDRESS,
  paidBy: 'BUYER',
  currency: 'USD',
  marketplace: 'US',
  fromAddress: BUYER_ADDRESS,
  parcel: { weightOz: 32, lengthIn: 12, widthIn: 10, heightIn: 4 },
  ...overrides,
});

/** A bought label as the return stores it, to void. */
export const storedLabel = (label: IssuedLabel): Label => ({
  ...label,
  carrier: label.carrier!,
  shipBy: '2026-12-15T00:00:00Z',
  paidBy: 'BUYER',
  returnAddress: TEST_RETURN_ADDRESS,
});
