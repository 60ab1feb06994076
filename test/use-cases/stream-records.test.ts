import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { returnsNamed } from '../../functions/events/stream-records.js';

const record = (sellerId: string, id: string, sequence: string): DynamoDBRecord => ({
  eventName: 'MODIFY',
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: { sellerId: { S: sellerId }, id: { S: id }, status: { S: 'LABEL_ISSUED' } },
  },
});

describe('the returns a batch of stream records names', () => {
  it('names a return once however many of its writes the batch holds, keeping every record of it', () => {
    const named = returnsNamed([
      record('seller-1', 'r1', '100'),
      record('seller-1', 'r2', '101'),
      record('seller-1', 'r1', '102'),
      record('seller-2', 'r1', '103'),
      record('seller-1', 'r1', '104'),
    ]);
    expect(named).toEqual([
      { ref: { sellerId: 'seller-1', id: 'r1' }, sequences: ['100', '102', '104'] },
      { ref: { sellerId: 'seller-1', id: 'r2' }, sequences: ['101'] },
      // Another seller's return with the same id is another return.
      { ref: { sellerId: 'seller-2', id: 'r1' }, sequences: ['103'] },
    ]);
  });

  it('skips a record without the ids or a sequence number', () => {
    expect(
      returnsNamed([
        { eventName: 'MODIFY', dynamodb: { SequenceNumber: '1', NewImage: { id: { S: 'r1' } } } },
        { eventName: 'MODIFY', dynamodb: { NewImage: { sellerId: { S: 's' }, id: { S: 'r1' } } } },
      ]),
    ).toEqual([]);
  });
});
