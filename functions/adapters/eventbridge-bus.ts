import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventBus } from '../../domain/ports.js';
import type { OutboxEvent } from '../../domain/return.js';
import { traceSdkClient } from '../shared/xray.js';

/** EventBridge took the request but not the entry: the event stays pending and is put again. */
export class EventNotPutError extends Error {}

/** Every event's source on the bus: rules match on it and on `detail-type` (the event's name). */
export const EVENT_SOURCE = 'returns';

/**
 * The region's EventBridge bus (`EVENT_BUS_NAME`, the account's default bus), one PutEvents per event:
 * `detail-type` the event's name, `detail` the event with its seller, so an admin routes them by rule.
 * At least once, like every sink: a consumer de-duplicates on `detail.id`.
 */
export class EventBridgeBus implements EventBus {
  constructor(
    private readonly busName: string,
    private readonly client = traceSdkClient(new EventBridgeClient({})),
  ) {}

  async put(sellerId: string, event: OutboxEvent): Promise<void> {
    const answer = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.busName,
            Source: EVENT_SOURCE,
            DetailType: event.type,
            Detail: JSON.stringify({ sellerId, ...event }),
          },
        ],
      }),
    );
    if ((answer.FailedEntryCount ?? 0) > 0) {
      const failed = answer.Entries?.[0];
      throw new EventNotPutError(
        `EventBridge refused ${event.id}: ${failed?.ErrorCode} ${failed?.ErrorMessage}`,
      );
    }
  }
}
