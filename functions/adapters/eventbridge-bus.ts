import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PartlyWrittenError } from '../../domain/errors.js';
import type { EventBus } from '../../domain/ports.js';
import type { OutboxEvent } from '../../domain/return.js';
import { traceSdkClient } from '../shared/xray.js';

/** Every event's source on the bus: rules match on it and on `detail-type` (the event's name). */
export const EVENT_SOURCE = 'returns';

/**
 * PutEvents' limit on entries per call. Its other limit, 256 KB a call, a return's events never reach:
 * the outbox holds at most OUTBOX_BUDGET_BYTES (40 KB) of them.
 */
export const PUT_EVENTS_MAX = 10;

/**
 * The region's EventBridge bus (`EVENT_BUS_NAME`, the account's default bus), one PutEvents per ten
 * events: `detail-type` the event's name, `detail` the event with its seller, so an admin routes them by
 * rule. An entry EventBridge refuses (FailedEntryCount) is refused with every later one, which are put
 * again with it. At least once, like every sink: a consumer de-duplicates on `detail.id`.
 */
export class EventBridgeBus implements EventBus {
  constructor(
    private readonly busName: string,
    private readonly client = traceSdkClient(new EventBridgeClient({})),
  ) {}

  async put(sellerId: string, events: readonly OutboxEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += PUT_EVENTS_MAX) {
      const batch = events.slice(start, start + PUT_EVENTS_MAX);
      const answer = await this.client
        .send(
          new PutEventsCommand({
            Entries: batch.map((event) => ({
              EventBusName: this.busName,
              Source: EVENT_SOURCE,
              DetailType: event.type,
              Detail: JSON.stringify({ sellerId, ...event }),
            })),
          }),
        )
        .catch((error: unknown) => {
          throw new PartlyWrittenError(start, `EventBridge did not take ${batch[0]!.id}`, { cause: error });
        });
      if ((answer.FailedEntryCount ?? 0) === 0) continue;
      // The answer's entries are in the request's order; a failed one has an ErrorCode.
      const failed = Math.max(0, answer.Entries?.findIndex((entry) => entry.ErrorCode) ?? 0);
      const entry = answer.Entries?.[failed];
      throw new PartlyWrittenError(
        start + failed,
        `EventBridge refused ${batch[failed]!.id}: ${entry?.ErrorCode} ${entry?.ErrorMessage}`,
      );
    }
  }
}
