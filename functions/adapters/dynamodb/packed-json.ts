import { deflateRawSync, inflateRawSync } from 'node:zlib';
import sample from './packing-dictionary.json' with { type: 'json' };

/**
 * What deflate starts from, as if it had just compressed it: a completed return of the e2e lifecycle
 * with its pending events (packing-dictionary.json: every value that names a person, place, id or time
 * replaced), so the names, statuses, event types and policy wording every item repeats cost a few bits
 * even in a small item that mentions them once. On the cost bench's items it halves what deflate alone
 * leaves. Frozen: stored items can only be read with the bytes they were packed with, so a better
 * dictionary comes with a marker of its own, never as an edit of this one (a test pins its hash).
 */
export const PACKING_DICTIONARY = Buffer.from(JSON.stringify(sample));

/**
 * The first byte of what is packed with PACKING_DICTIONARY. A raw deflate stream never starts with it
 * (its low bits name block type 3, which deflate reserves), so items packed before the dictionary, by
 * deflate alone, still read.
 */
const DICTIONARY_MARKER = 0x06;

/**
 * JSON deflated into one binary attribute. DynamoDB bills a write by every started KB of the item, and
 * the JSON of our aggregates and events (names repeated in every entry, ids, times) deflates to a
 * quarter or less, and to a tenth with the dictionary; what no expression, index or reader's filter
 * names loses nothing by being packed.
 */
export const packJson = (value: unknown): Uint8Array => {
  const deflated = deflateRawSync(JSON.stringify(value), { dictionary: PACKING_DICTIONARY });
  return Buffer.concat([Buffer.of(DICTIONARY_MARKER), deflated]);
};

/** The value `packJson` packed; `what` names the item in the error when the attribute is not there. */
export const unpackJson = (packed: unknown, what: string): unknown => {
  if (!(packed instanceof Uint8Array)) throw new TypeError(`${what} has no packed part`);
  const json =
    packed[0] === DICTIONARY_MARKER
      ? inflateRawSync(packed.subarray(1), { dictionary: PACKING_DICTIONARY })
      : inflateRawSync(packed);
  return JSON.parse(json.toString('utf8'));
};
