import { monotonicFactory } from 'ulid';
import type { ReturnAddress } from '../../domain/policy.js';
import { CreateReturnSchema } from '../../domain/return-request.js';
import { createBody } from './requests.js';
import {
  HAPPY_PATH,
  ReturnSchema,
  type Return,
  type Status,
  type TimelineEntry,
} from '../../domain/return.js';

/** Monotonic, so returns made one after another sort by id in the order they were made. */
const nextUlid = monotonicFactory();

export const TEST_RETURN_ADDRESS: ReturnAddress = {
  name: 'Returns Dept',
  line1: '1 Warehouse Way',
  city: 'Reno',
  region: 'NV',
  postalCode: '89501',
  country: 'US',
};

/** How a return reaches each status in this factory's histories. */
const pathTo = (status: Status): Status[] => {
  switch (status) {
    case 'CLOSED':
    case 'CANCELLED':
      return ['AUTHORIZATION_REQUIRED', status];
    case 'NEEDS_ATTENTION':
      return ['AUTHORIZATION_REQUIRED', 'AUTHORIZED', 'NEEDS_ATTENTION'];
    case 'REFUND_PENDING_PAYOUT':
      return [...HAPPY_PATH.slice(0, HAPPY_PATH.indexOf('REFUND_IN_PROGRESS') + 1), status];
    default:
      return HAPPY_PATH.slice(0, HAPPY_PATH.indexOf(status) + 1);
  }
};

const reached = (path: readonly Status[], status: Status): boolean => path.includes(status);

export type ReturnFactoryOptions = { sellerId: string; status?: Status } & Partial<Omit<Return, 'sellerId'>>;

/**
 * A valid Return (checked against ReturnSchema) for a seller, in the given status (default
 * AUTHORIZATION_REQUIRED), with a timeline and the parts that status implies: a label and tracking number
 * from LABEL_ISSUED on, an inspection from INSPECTED on, a refund from REFUND_PENDING_APPROVAL on, a
 * closure, cancellation or attention record for those ends. `version` equals the number of timeline
 * entries. Any field can be overridden; the result is validated, so an override that breaks the
 * schema throws here rather than in the code under test.
 */
export const makeReturn = (options: ReturnFactoryOptions): Return => {
  const { sellerId, status = 'AUTHORIZATION_REQUIRED', ...overrides } = options;
  const id = overrides.id ?? nextUlid();
  const createdAt = overrides.createdAt ?? new Date().toISOString();
  const path = pathTo(status);
  const timeline: TimelineEntry[] = path.map((to, i) => ({
    at: createdAt,
    type: i === 0 ? 'CREATE' : `MOVE_TO_${to}`,
    from: path[i - 1] ?? to,
    to,
    actor: i === 0 ? { kind: 'seller', id: sellerId } : { kind: 'system' },
  }));
  const trackingNumber = reached(path, 'LABEL_ISSUED') ? `1ZTEST${id.slice(-12)}` : undefined;
  const refundStatus =
    status === 'REFUND_IN_PROGRESS' ? 'IN_PROGRESS' : reached(path, 'REFUNDED') ? 'COMPLETED' : 'SUBMITTED';

  const base: Return = {
    id,
    sellerId,
    rma: `RMA-${id.slice(-10)}`,
    ...CreateReturnSchema.parse(
      createBody({ orderId: `113-${id.slice(-7)}-0000001`, deliveredAt: '2026-11-01T10:00:00Z' }),
    ),
    status,
    decision: {
      outcome: 'REQUIRES_AUTHORIZATION',
      withinPolicy: true,
      returnless: false,
      summary: 'Within the 30-day return window; the seller authorizes requests by hand.',
      checks: [
        {
          rule: 'RETURN_WINDOW',
          passed: true,
          detail: 'requested 3 days after delivery, window is 30 days',
          numbers: { windowDays: 30, daysSinceDelivery: 3 },
        },
      ],
    },
    returnless: false,
    concessions: [],
    inventoryAdjustments: [],
    createdAt,
    updatedAt: createdAt,
    version: timeline.length,
    timeline,
    ...(reached(path, 'AUTHORIZED') ? { returnAddress: TEST_RETURN_ADDRESS } : {}),
    ...(trackingNumber
      ? {
          trackingNumber,
          label: {
            carrier: 'generic',
            trackingNumber,
            labelUrl: `https://labels.example.com/${trackingNumber}.pdf`,
            shipBy: '2026-11-20T00:00:00Z',
            paidBy: 'SELLER' as const,
            returnAddress: TEST_RETURN_ADDRESS,
          },
        }
      : {}),
    ...(reached(path, 'IN_TRANSIT')
      ? { lastTrackingStatus: reached(path, 'DELIVERED') ? 'DELIVERED' : 'IN_TRANSIT' }
      : {}),
    ...(reached(path, 'INSPECTED')
      ? {
          inspection: {
            lines: [{ sku: 'SKU-1', grade: 'AS_NEW' as const }],
            disposition: 'RESTOCK' as const,
          },
        }
      : {}),
    ...(reached(path, 'REFUND_PENDING_APPROVAL')
      ? {
          refund: {
            refundId: `refund-${id}`,
            status: refundStatus,
            amount: { amount: 2807, currency: 'USD' as const },
            breakdown: [
              {
                kind: 'ITEM' as const,
                sku: 'SKU-1',
                amount: 2599,
                currency: 'USD' as const,
                explanation: 'item price',
              },
              {
                kind: 'TAX' as const,
                sku: 'SKU-1',
                amount: 208,
                currency: 'USD' as const,
                explanation: 'tax paid',
              },
            ],
            requiresApproval: true,
            computedAt: createdAt,
          },
        }
      : {}),
    ...(status === 'CLOSED'
      ? { closure: { reason: 'OUTSIDE_POLICY' as const, comment: 'Not returnable' } }
      : {}),
    ...(status === 'CANCELLED' ? { cancellation: { comment: 'Changed my mind' } } : {}),
    ...(status === 'NEEDS_ATTENTION'
      ? {
          attention: {
            step: 'ISSUE_LABEL',
            error: 'carrier unavailable',
            resumeStatus: 'AUTHORIZED' as const,
          },
        }
      : {}),
  };
  return ReturnSchema.parse({ ...base, ...overrides });
};

/**
 * The next version of a return as a use case would write it: `change` applied, version bumped, and a
 * timeline entry appended when the status changes.
 */
export const nextVersion = (
  ret: Return,
  change: Partial<Omit<Return, 'id' | 'sellerId' | 'version'>> = {},
): Return => {
  const at = new Date().toISOString();
  const status = change.status ?? ret.status;
  const timeline =
    status === ret.status
      ? (change.timeline ?? ret.timeline)
      : [
          ...ret.timeline,
          { at, type: `MOVE_TO_${status}`, from: ret.status, to: status, actor: { kind: 'system' as const } },
        ];
  return ReturnSchema.parse({ ...ret, ...change, timeline, updatedAt: at, version: ret.version + 1 });
};
