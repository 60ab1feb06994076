import type { Return } from '../return.js';

/** The moments a return's deadlines run from, read off the return and its timeline. */
export interface Milestones {
  /** The buyer's request (their withdrawal notice): `requestedAt` on the create body, else its arrival. */
  requestedAt: string;
  /** The order's delivery to the buyer. */
  deliveredToBuyerAt: string;
  authorizedAt?: string;
  /** The first carrier scan of the parcel: the buyer's proof of sending (EU, UK). */
  proofOfSendingAt?: string;
  /** The seller's receipt of the item: the carrier's delivery to the seller. */
  receivedAt?: string;
}

export type MilestoneSource = Pick<Return, 'createdAt' | 'deliveredAt' | 'timeline'> & {
  requestedAt?: string;
};

/** Carrier statuses that mean the parcel is in the carrier's hands. LABEL_CREATED does not: nothing was scanned. */
const SCANNED = new Set(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);

const earliest = (instants: readonly string[]): string | undefined =>
  instants.length === 0 ? undefined : instants.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));

/**
 * When the carrier says it happened, but never after we heard of it: a carrier cannot prove the future.
 * A missing or unreadable carrier time falls back to when the event was recorded.
 */
const carrierTime = (occurredAt: unknown, recordedAt: string): string =>
  typeof occurredAt === 'string' &&
  !Number.isNaN(Date.parse(occurredAt)) &&
  Date.parse(occurredAt) <= Date.parse(recordedAt)
    ? new Date(Date.parse(occurredAt)).toISOString()
    : recordedAt;

export const milestonesOf = (ret: MilestoneSource): Milestones => {
  const scans: string[] = [];
  const receipts: string[] = [];
  const authorizations: string[] = [];
  for (const entry of ret.timeline) {
    const status = entry.type === 'TRACKING_EVENT' ? entry.data?.status : undefined;
    if (typeof status === 'string' && SCANNED.has(status)) {
      const at = carrierTime(entry.data?.occurredAt, entry.at);
      scans.push(at);
      if (status === 'DELIVERED') receipts.push(at);
    }
    if (entry.from === entry.to) continue;
    // Moves the timeline shows without a carrier event (a seller's inspection, an older history).
    if (entry.to === 'AUTHORIZED') authorizations.push(entry.at);
    if (entry.to === 'IN_TRANSIT') scans.push(entry.at);
    if (entry.to === 'DELIVERED') {
      scans.push(entry.at);
      receipts.push(entry.at);
    }
  }
  const proofOfSendingAt = earliest(scans);
  const receivedAt = earliest(receipts);
  const authorizedAt = earliest(authorizations);
  return {
    requestedAt: ret.requestedAt ?? ret.createdAt,
    deliveredToBuyerAt: ret.deliveredAt,
    ...(authorizedAt ? { authorizedAt } : {}),
    ...(proofOfSendingAt ? { proofOfSendingAt } : {}),
    ...(receivedAt ? { receivedAt } : {}),
  };
};
