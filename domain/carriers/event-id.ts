import { createHash } from 'node:crypto';

/**
 * A stable event id for carriers that send none (UPS Track Alert never does; FedEx and USPS may not):
 * the SHA-256 of the fields that identify the event, so a resend of the same scan gets the same id and is
 * de-duplicated, while two different scans never share one. Deterministic, so still pure.
 */
export const derivedEventId = (carrier: string, parts: readonly string[]): string =>
  `${carrier}-${createHash('sha256').update(parts.join('|')).digest('hex')}`;
