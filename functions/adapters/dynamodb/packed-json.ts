import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * JSON deflated into one binary attribute. DynamoDB bills a write by every started KB of the item, and
 * the JSON of our aggregates and events (names repeated in every entry, ids, times) deflates to a
 * quarter or less; what no expression, index or reader's filter names loses nothing by being packed.
 */
export const packJson = (value: unknown): Uint8Array => deflateRawSync(JSON.stringify(value));

/** The value `packJson` packed; `what` names the item in the error when the attribute is not there. */
export const unpackJson = (packed: unknown, what: string): unknown => {
  if (!(packed instanceof Uint8Array)) throw new TypeError(`${what} has no packed part`);
  return JSON.parse(inflateRawSync(packed).toString('utf8'));
};
