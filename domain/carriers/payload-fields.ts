import * as z from '../zod.js';

/**
 * Field rules the carrier payload schemas share. Carriers' own formats vary (UPS `1Z…`, FedEx digits,
 * USPS `92…`), so tracking numbers are bounded, not pattern-matched per carrier.
 */
export const trackingNumberField = () =>
  z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'must be 1 to 64 letters, digits or dashes'));

export const eventIdField = () =>
  z
    .string()
    .check(z.minLength(1, 'must not be empty'))
    .check(z.maxLength(128, 'must be at most 128 characters'))
    .check(z.regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters'));

/** An ISO 8601 date-time with `Z` or an offset, e.g. `2026-11-05T14:32:00-05:00`. */
export const instantField = () =>
  z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with Z or an offset' });

export const wordsField = (max: number) =>
  z.string().check(z.maxLength(max, `must be at most ${max} characters`));

/** A date-time as an instant in UTC: the one form TrackingEvent keeps. */
export const toUtc = (instant: string): string => new Date(instant).toISOString();
