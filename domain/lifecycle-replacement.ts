import { IllegalTransitionError, ValidationError } from './errors.js';
import { inventoryAdjustments } from './disposition.js';
import { assertCreditFits } from './lifecycle-credits.js';
import type { LifecycleCommand } from './lifecycle-command.js';
import { isSellerFault } from './reason-codes.js';
import type { ReservationAdjustment, Resolution } from './replacement.js';
import type { Return, Status } from './return.js';

/**
 * A return resolved by sending the goods again (docs/design.md §4a): requested where a refund would be
 * computed, its goods reserved; shipped, and the return completes; or, when it cannot be sent, refunded
 * instead, once, its reservation released. Each is one row handler of the table in lifecycle.ts.
 */
export interface ReplacementChange {
  to: Status;
  patch?: Partial<Return>;
  note?: string;
  data?: Record<string, unknown>;
}

type CommandOf<T extends LifecycleCommand['type']> = Extract<LifecycleCommand, { type: T }>;

/** The inspection's word, else the authorization's, else REFUND. */
export const resolutionOf = (ret: Pick<Return, 'inspection' | 'resolution'>): Resolution =>
  ret.inspection?.resolution ?? ret.resolution ?? 'REFUND';

/**
 * The same goods again only make sense when they were at fault: a buyer who changed their mind (or who
 * keeps a returnless item) is refunded. Refused with the field named, changing nothing.
 */
export const assertResolutionFits = (
  ret: Pick<Return, 'reason'>,
  resolution: Resolution | undefined,
): void => {
  if (resolution !== 'REPLACE' || isSellerFault(ret.reason)) return;
  throw new ValidationError('a replacement needs a seller-fault reason', [
    {
      field: 'resolution',
      rule: `must not be REPLACE for reason ${ret.reason}: only a seller-fault return (defective, damaged, wrong item, not as described, missing parts) is replaced`,
    },
  ]);
};

const movements = (
  ret: Return,
  reservation: ReservationAdjustment['reservation'],
  at: string,
): ReservationAdjustment[] =>
  (ret.replacement?.items ?? []).map(({ sku, quantity }) => ({ sku, quantity, reservation, at }));

const requested = (ret: Return, type: LifecycleCommand['type']) => {
  if (ret.replacement?.status !== 'REQUESTED') throw new IllegalTransitionError(ret.status, type);
  return ret.replacement;
};

/**
 * From INSPECTED, or from AUTHORIZED when returnless: the replacement of every line of the return, its
 * goods reserved. Refused unless the return is resolved by REPLACE and has no replacement yet.
 */
export const requestReplacement = (
  ret: Return,
  cmd: CommandOf<'REQUEST_REPLACEMENT'>,
  now: Date,
): ReplacementChange => {
  const early = ret.status === 'AUTHORIZED' && !ret.returnless;
  if (early || ret.replacement || resolutionOf(ret) !== 'REPLACE') {
    throw new IllegalTransitionError(ret.status, cmd.type);
  }
  const at = now.toISOString();
  const items = ret.items.map(({ sku, quantity }) => ({ sku, quantity }));
  const replacement = { status: 'REQUESTED', items, requestedAt: at } as const;
  return {
    to: 'REPLACEMENT_PENDING',
    patch: {
      replacement,
      inventoryAdjustments: [
        ...ret.inventoryAdjustments,
        ...movements({ ...ret, replacement }, 'RESERVED', at),
      ],
    },
    note: 'no refund: the goods are sent again',
    data: { items },
  };
};

/**
 * The seller sent it: the reserved goods leave the shelf, what came back gets its disposition (what a
 * refunded return gets when it completes), and the return completes.
 */
export const shipReplacement = (
  ret: Return,
  cmd: CommandOf<'SHIP_REPLACEMENT'>,
  now: Date,
): ReplacementChange => {
  const replacement = requested(ret, cmd.type);
  const at = now.toISOString();
  const shipment = { carrier: cmd.carrier, trackingNumber: cmd.trackingNumber, shippedAt: at };
  return {
    to: 'COMPLETED',
    patch: {
      replacement: { ...replacement, status: 'SHIPPED', shipment },
      inventoryAdjustments: [
        ...ret.inventoryAdjustments,
        ...movements(ret, 'SHIPPED', at),
        ...inventoryAdjustments(ret, now),
      ],
    },
    data: { carrier: cmd.carrier, trackingNumber: cmd.trackingNumber },
  };
};

/**
 * The replacement cannot be sent: its reservation is released and the refund goes the normal way
 * (REFUND_IN_PROGRESS, paid by IssueRefund under the return's payment key). Only from a requested
 * replacement, so only once. The seller asking for it is the person's approval a high-value refund needs.
 */
export const refundInstead = (
  ret: Return,
  cmd: CommandOf<'REFUND_INSTEAD'>,
  now: Date,
): ReplacementChange => {
  const replacement = requested(ret, cmd.type);
  assertCreditFits(ret, cmd.refund.amount, 'refund/amount');
  const at = now.toISOString();
  return {
    to: 'REFUND_IN_PROGRESS',
    patch: {
      refund: cmd.refund,
      replacement: {
        ...replacement,
        status: 'REFUNDED_INSTEAD',
        refundedInstead: { at, ...(cmd.reason ? { reason: cmd.reason } : {}) },
      },
      inventoryAdjustments: [...ret.inventoryAdjustments, ...movements(ret, 'RELEASED', at)],
    },
    ...(cmd.reason ? { note: cmd.reason } : {}),
    data: { refundId: cmd.refund.refundId, amount: cmd.refund.amount },
  };
};
