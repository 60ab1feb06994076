import type { Return } from './return.js';

/** Carrier statuses that mean the parcel was not handed over yet. */
const NOT_SCANNED: ReadonlySet<string | undefined> = new Set([undefined, 'LABEL_CREATED']);

/**
 * Whether a return's label was bought for nothing: the return ended (closed, cancelled) before the
 * carrier scanned the parcel, and the label came from a provider that refunds unused labels.
 */
export const labelIsUnused = (ret: Return): boolean =>
  (ret.status === 'CLOSED' || ret.status === 'CANCELLED') &&
  ret.label?.shipmentId !== undefined &&
  NOT_SCANNED.has(ret.lastTrackingStatus);

/** Whether a void is still owed: unused, and neither voided nor given up on by the provider. */
export const labelVoidOwed = (ret: Return): boolean =>
  labelIsUnused(ret) && (ret.label?.void === undefined || ret.label.void.status === 'FAILED');
