import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { PartlyWrittenError } from '../../../domain/errors.js';
import { batchPutAll } from '../../../functions/adapters/dynamodb/batch-write.js';
import { DynamoEventFeed } from '../../../functions/adapters/dynamodb/event-feed.js';
import { documentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { tableOptions, uniqueSellerId } from '../support/table.js';
import { outboxEventsOf } from '../../support/outbox-events.js';

type Sent = { input: { RequestItems: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> } };

/** A client that counts what it sends (and answers `answer`, or sends it to the table). */
const clientSending = (answer?: (sent: Sent, call: number) => unknown) => {
  const calls: Sent[] = [];
  const client = {
    send: async (command: Sent) => {
      calls.push(command);
      return answer ? answer(command, calls.length) : documentClient.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, calls };
};

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ pk: 'P', sk: `S${i}` }));
/** An answer leaving unprocessed the requests of `sent` whose item's sort key `stays` picks. */
const unprocessed = (sent: Sent, stays: (sk: unknown) => boolean) => {
  const [table, requests] = Object.entries(sent.input.RequestItems)[0]!;
  return { UnprocessedItems: { [table]: requests.filter((r) => stays(r.PutRequest.Item.sk)) } };
};
const noWait = () => 0;

describe('batchPutAll (BatchWriteItem)', () => {
  it("writes a seller's feed 25 items a call, and every one is there to list", async () => {
    const { client, calls } = clientSending();
    const feed = new DynamoEventFeed({ ...tableOptions(), client });
    const sellerId = uniqueSellerId();
    const events = outboxEventsOf(30);

    await feed.put(sellerId, events);
    await feed.put(sellerId, events); // handed on again: the same items, nothing added

    expect(calls.map((c) => Object.values(c.input.RequestItems)[0]!.length)).toEqual([25, 5, 25, 5]);
    const listed = await new DynamoEventFeed(tableOptions()).list(sellerId, {
      before: '9999-01-01T00:00:00Z',
      limit: 100,
    });
    expect(listed.items).toEqual(events);
  });

  it('sends what DynamoDB left unprocessed again until it is written', async () => {
    const { client, calls } = clientSending((sent, call) =>
      call === 1 ? unprocessed(sent, (sk) => sk === 'S1' || sk === 'S2') : { UnprocessedItems: {} },
    );

    await batchPutAll({ client, tableName: 't' }, items(3), noWait);

    const sentKeys = calls.map((c) =>
      Object.values(c.input.RequestItems)[0]!.map((r) => r.PutRequest.Item.sk),
    );
    expect(sentKeys).toEqual([
      ['S0', 'S1', 'S2'],
      ['S1', 'S2'],
    ]);
  });

  it('gives up after five tries, naming how many items from the first are known written', async () => {
    const { client, calls } = clientSending((sent, call) =>
      // The first 25 go through; of the rest, S26 and S28 stay unprocessed however often they are sent.
      call === 1 ? { UnprocessedItems: {} } : unprocessed(sent, (sk) => sk === 'S26' || sk === 'S28'),
    );

    const failed = batchPutAll({ client, tableName: 't' }, items(30), noWait);

    await expect(failed).rejects.toBeInstanceOf(PartlyWrittenError);
    await expect(failed).rejects.toMatchObject({ written: 26 });
    expect(calls).toHaveLength(1 + 5);
  });

  it('counts none of a call that failed as written', async () => {
    const { client } = clientSending((_sent, call) => {
      if (call === 2) throw new Error('ProvisionedThroughputExceededException');
      return { UnprocessedItems: {} };
    });

    await expect(batchPutAll({ client, tableName: 't' }, items(30), noWait)).rejects.toMatchObject({
      written: 25,
      cause: new Error('ProvisionedThroughputExceededException'),
    });
  });
});
