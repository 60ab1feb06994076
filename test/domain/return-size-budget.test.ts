import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { itemSize, type Item } from '../../bench/dynamodb-item-size.js';
import { inventoryAdjustments } from '../../domain/disposition.js';
import { decideEligibility } from '../../domain/eligibility.js';
import { InspectionSchema, type Inspection } from '../../domain/inspection.js';
import { defaultPolicy, ReturnAddressSchema, type ReturnAddress } from '../../domain/policy.js';
import { decideRefund } from '../../domain/refund-decision.js';
import { CreateReturnSchema, MAX_LINES, type CreateReturnRequest } from '../../domain/return-request.js';
import {
  HEADROOM_BYTES,
  INSPECTION_BUDGET_BYTES,
  ITEM_LIMIT_BYTES,
  MAX_CONCESSIONS,
  REQUEST_BUDGET_BYTES,
  TIMELINE_BUDGET_BYTES,
  jsonBytes,
} from '../../domain/return-size.js';
import { ReturnSchema, type Return, type TimelineEntry } from '../../domain/return.js';
import { returnItemKeys } from '../../functions/adapters/dynamodb/table-design.js';

/** The most bytes a text of `length` UTF-16 units can take in UTF-8: 3 per unit (CJK). */
const wide = (length: number): string => '退'.repeat(length);
const id = (length: number, fill = 'X'): string => fill.repeat(length);
const now = new Date('2026-11-20T10:00:00Z');

/** The largest address the schema allows. */
const address: ReturnAddress = ReturnAddressSchema.parse({
  name: wide(200),
  line1: wide(200),
  line2: wide(200),
  city: wide(100),
  region: wide(100),
  postalCode: id(20),
  country: 'US',
});

/** The most lines, each with the longest ids and a CJK title as long as the request's budget lets it be. */
const largestRequest = (): CreateReturnRequest => {
  const request = (titleLength: number) => ({
    orderId: id(64),
    marketplace: 'US',
    buyer: {
      email: `${id(64, 'b')}@${id(180, 'e')}.example`,
      locale: 'zh-Hans-CN',
      country: 'US',
      name: wide(200),
    },
    deliveredAt: '2026-11-18T10:00:00.000Z',
    items: Array.from({ length: MAX_LINES }, (_, i) => ({
      sku: `${id(60, 'S')}${String(i).padStart(4, '0')}`,
      category: id(64, 'c'),
      title: wide(titleLength),
      quantity: 999,
      unitPrice: { amount: 99_999_999_99, currency: 'USD' },
      tax: { amount: 9_999_999_99, currency: 'USD' },
    })),
    reason: 'DEFECTIVE',
    comment: wide(2000),
    originalShipping: { amount: 9_999_99, currency: 'USD' },
  });
  let length = 500;
  while (!CreateReturnSchema.safeParse(request(length)).success) length -= 1;
  return CreateReturnSchema.parse(request(length));
};

/** Graded line by line with the longest notes the inspection's budget lets each have. */
const largestInspection = (skus: string[]): Inspection => {
  const inspection = (notesLength: number) => ({
    lines: skus.map((sku) => ({ sku, grade: 'MISSING_PARTS', notes: wide(notesLength) })),
    disposition: 'RESELL_AS_RENEWED',
    notes: wide(2000),
    inspector: wide(200),
  });
  let length = 2000;
  while (!InspectionSchema.safeParse(inspection(length)).success) length -= 1;
  return InspectionSchema.parse(inspection(length));
};

/** A timeline at its budget, of the largest entries: notes as long as a comment. */
const fullTimeline = (): TimelineEntry[] => {
  const entry = (i: number): TimelineEntry => ({
    at: now.toISOString(),
    type: 'CLOSE',
    from: 'AUTHORIZATION_REQUIRED',
    to: 'CLOSED',
    actor: { kind: 'seller', id: id(64) },
    note: wide(2000),
    data: { reason: 'OTHER', entry: i },
  });
  const timeline: TimelineEntry[] = [];
  while (jsonBytes([...timeline, entry(timeline.length)]) <= TIMELINE_BUDGET_BYTES) {
    timeline.push(entry(timeline.length));
  }
  return timeline;
};

/** Every part of a return at its largest at once, which no real return reaches (closed and cancelled, say). */
const largestReturn = (): Return => {
  const request = largestRequest();
  const policy = { ...defaultPolicy('US', address), returnWindowDays: { default: 3650 } };
  const base = {
    id: '01KB0000000000000000000000',
    sellerId: id(64, 's'),
    rma: 'RMA-ABCDE-FGHIJ',
    ...request,
    status: 'INSPECTED' as const,
    decision: decideEligibility(request, policy, now),
    returnless: false,
    closure: { reason: 'OTHER' as const, comment: wide(2000) },
    cancellation: { comment: wide(2000) },
    returnAddress: address,
    label: {
      carrier: 'generic',
      trackingNumber: id(64, 'T'),
      labelUrl: `https://labels.example/${id(500, 'u')}`,
      shipBy: now.toISOString(),
      paidBy: 'BUYER' as const,
      returnAddress: address,
      cost: { amount: 9_999_99, currency: 'USD' as const },
    },
    trackingNumber: id(64, 'T'),
    lastTrackingStatus: 'DELIVERED',
    inspection: largestInspection(request.items.map((line) => line.sku)),
    concessions: Array.from({ length: MAX_CONCESSIONS }, (_, i) => ({
      concessionId: `01KB0000000000000000000000-concession-${id(26, String(i % 10))}`,
      amount: { amount: 1, currency: 'USD' as const },
      reason: wide(500),
      status: 'COMPLETED' as const,
      at: now.toISOString(),
      providerRef: id(255, 'p'),
    })),
    inventoryAdjustments: [],
    pipeline: { taskToken: id(2048), inspectionToken: id(2048), approvalToken: id(2048) },
    attention: { step: 'IssueRefund', error: wide(1000), resumeStatus: 'REFUND_IN_PROGRESS' as const },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1_000_000,
    timeline: fullTimeline(),
    timelineDropped: 1_000_000,
  };
  const refund = { ...decideRefund(base, policy, now), providerRef: id(255, 'p') };
  const withRefund = { ...base, refund };
  return ReturnSchema.parse({ ...withRefund, inventoryAdjustments: inventoryAdjustments(withRefund, now) });
};

describe("a return's size budget (domain/return-size.ts)", () => {
  const ret = largestReturn();
  const item = { ...ret, ...returnItemKeys(ret), entity: 'RETURN' };

  it('keeps the largest request, inspection and timeline the schemas allow within their shares', () => {
    const { items, comment, buyer } = ret;
    expect(items).toHaveLength(MAX_LINES);
    expect(
      jsonBytes(CreateReturnSchema.parse(pick(ret, Object.keys(CreateReturnSchema.shape)))),
    ).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    expect(comment?.length).toBe(2000);
    expect(buyer.name?.length).toBe(200);
    expect(jsonBytes(ret.inspection)).toBeLessThanOrEqual(INSPECTION_BUDGET_BYTES);
    expect(jsonBytes(ret.timeline)).toBeLessThanOrEqual(TIMELINE_BUDGET_BYTES);
  });

  it('keeps the largest return, every part at its largest at once, under 400 KB less the headroom', () => {
    const budget = ITEM_LIMIT_BYTES - HEADROOM_BYTES;
    expect(itemSize(marshall(item, { removeUndefinedValues: true }) as Item)).toBeLessThanOrEqual(budget);
    // Counted as this code counts (UTF-8 JSON), it fits too: the repositories' own check agrees.
    expect(jsonBytes(item)).toBeLessThanOrEqual(budget);
  });
});

const pick = (ret: Return, keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.flatMap((key) => (key in ret ? [[key, ret[key as keyof Return]]] : [])));
