import type { DynamoDBRecord } from 'aws-lambda';
import * as z from '../../domain/zod.js';
import type { ReturnRef } from '../../domain/ports.js';

/** What the dispatcher reads off a stream record's new image: the return it names (the item is read again). */
const ImageSchema = z.object({ sellerId: z.object({ S: z.string() }), id: z.object({ S: z.string() }) });

export interface NamedReturn {
  ref: ReturnRef;
  /** The sequence numbers of the batch's records that named it, oldest first. */
  sequences: string[];
}

/**
 * The returns a batch of stream records names, each once however many of its writes the batch holds: one
 * pass reads the latest item and hands on all its pending events, where a pass per record would race the
 * others to drain the same events.
 */
export const returnsNamed = (records: readonly DynamoDBRecord[]): NamedReturn[] => {
  const named = new Map<string, NamedReturn>();
  for (const record of records) {
    const image = ImageSchema.safeParse(record.dynamodb?.NewImage);
    const sequence = record.dynamodb?.SequenceNumber;
    if (!image.success || !sequence) continue;
    const ref = { sellerId: image.data.sellerId.S, id: image.data.id.S };
    const key = `${ref.sellerId}#${ref.id}`;
    const seen = named.get(key);
    if (seen) seen.sequences.push(sequence);
    else named.set(key, { ref, sequences: [sequence] });
  }
  return [...named.values()];
};
