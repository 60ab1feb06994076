import { HAPPY_PATH, type Status } from './return.js';

/** Carrier statuses as the lifecycle sees them; carrier adapters map their own codes onto these. */
export const TRACKING_STATUSES = [
  'LABEL_CREATED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/** The timeline note on a carrier event that was recorded but changed nothing. */
export const TRACKING_IGNORED_NOTE = 'out of order, ignored';
export const TRACKING_EXCEPTION_NOTE = 'carrier reported an exception';

/** How far along the parcel is. EXCEPTION has no rank: it says nothing about progress. */
const PROGRESS_RANK: Readonly<Record<string, number>> = {
  LABEL_CREATED: 0,
  IN_TRANSIT: 1,
  OUT_FOR_DELIVERY: 2,
  DELIVERED: 3,
};

/** Statuses in which the return waits for the carrier. */
const AWAITING_CARRIER: readonly Status[] = ['LABEL_ISSUED', 'IN_TRANSIT'];

/** Statuses the parcel has already been delivered for: carriers resend, so late events are recorded and ignored. */
const AFTER_DELIVERY: readonly Status[] = [
  ...HAPPY_PATH.slice(HAPPY_PATH.indexOf('DELIVERED')),
  'REFUND_PENDING_PAYOUT',
];

/** Whether the parcel has reached the seller: the wait for the carrier is over. */
export const isDeliveredOrLater = (status: Status): boolean => AFTER_DELIVERY.includes(status);

export interface TrackingEffect {
  /** The status the event leaves the return in (the same one when nothing moved). */
  status: Status;
  lastTrackingStatus: string | undefined;
  /** True when the event was stale or came after delivery: recorded on the timeline only. */
  ignored: boolean;
  note?: string;
}

const rank = (status: string | undefined): number =>
  status === undefined ? -1 : (PROGRESS_RANK[status] ?? -1);

/**
 * What a carrier event does to a return in `status` whose last applied carrier status is `last`.
 * Events never move a return backwards. Returns undefined when the return cannot take carrier events
 * at all (no label yet, or it ended without delivery).
 */
export function trackingEffect(
  status: Status,
  last: string | undefined,
  event: TrackingStatus,
): TrackingEffect | undefined {
  const ignored: TrackingEffect = {
    status,
    lastTrackingStatus: last,
    ignored: true,
    note: TRACKING_IGNORED_NOTE,
  };
  if (isDeliveredOrLater(status)) return ignored;
  if (!AWAITING_CARRIER.includes(status)) return undefined;
  if (event === 'EXCEPTION') {
    return { status, lastTrackingStatus: last, ignored: false, note: TRACKING_EXCEPTION_NOTE };
  }
  if (rank(event) <= rank(last)) return ignored;
  const moved: Status =
    event === 'DELIVERED' ? 'DELIVERED' : event === 'LABEL_CREATED' ? status : 'IN_TRANSIT';
  return { status: moved, lastTrackingStatus: event, ignored: false };
}
