import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import type { NotificationLedger, NotificationRecord, SentNotification } from '../../../domain/ports.js';
import {
  ENTITY_ATTRIBUTE,
  PARTITION_KEY,
  notificationKey,
  notificationsPk,
  type Entity,
} from './table-design.js';

const SentSchema = z.object({
  kind: z.string(),
  recipient: z.enum(['buyer', 'seller']),
  locale: z.string(),
  subject: z.string(),
  sentAt: z.string(),
}) satisfies z.ZodMiniType<SentNotification>;

const SENDING = 'SENDING';
const SENT = 'SENT';

export interface DynamoNotificationLedgerOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** How long a claim holds before another sender may take it over (default 120 s). */
  leaseSeconds?: number;
  /** For tests that let a lease lapse; the system clock otherwise. */
  clock?: () => Date;
}

/**
 * Which notifications went out, one item per notification id, in its return's partition
 * (table-design.ts' notificationKey): `SENDING` with a lease (`claimedUntil`,
 * epoch ms) while a sender holds it, `SENT` (with `sentAt`) for good once it went out. Every change is a
 * single-item conditional write, so of any number of racing senders exactly one wins a claim.
 *
 * The lease has no owner token: a sender that outlived its lease and then confirms or releases acts on
 * whoever holds the claim now. Confirming is harmless (the notification did go out); a late release
 * frees a live claim early, at worst letting one more sender try. Leases are long next to a send, so
 * this is accepted rather than paid for with a token every caller must carry.
 */
export class DynamoNotificationLedger implements NotificationLedger {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly leaseMs: number;
  private readonly clock: () => Date;

  constructor(options: DynamoNotificationLedgerOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.leaseMs = (options.leaseSeconds ?? 120) * 1000;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Takes the claim when nobody sent `id` and nobody holds a live claim on it; false otherwise. */
  async claim(id: string): Promise<boolean> {
    const now = this.clock().getTime();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...notificationKey(id),
            [ENTITY_ATTRIBUTE]: 'NOTIFICATION' satisfies Entity,
            notificationId: id,
            status: SENDING,
            claimedUntil: now + this.leaseMs,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR (#status = :sending AND #claimedUntil < :now)',
          ExpressionAttributeNames: {
            '#pk': PARTITION_KEY,
            '#status': 'status',
            '#claimedUntil': 'claimedUntil',
          },
          ExpressionAttributeValues: { ':sending': SENDING, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The notification went out: marked SENT, which no claim ever takes over, with what the page shows. */
  async confirm(id: string, sent?: NotificationRecord): Promise<void> {
    const shown = sent
      ? { kind: sent.kind, recipient: sent.recipient, locale: sent.locale, subject: sent.subject }
      : {};
    const names = Object.fromEntries(Object.keys(shown).map((name) => [`#${name}`, name]));
    const values = Object.fromEntries(Object.entries(shown).map(([name, value]) => [`:${name}`, value]));
    const sets = Object.keys(shown).map((name) => `, #${name} = :${name}`);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: notificationKey(id),
        UpdateExpression: `SET #status = :sent, #sentAt = :sentAt, #entity = :entity, #id = :id${sets.join('')} REMOVE #claimedUntil`,
        ExpressionAttributeNames: {
          '#status': 'status',
          '#sentAt': 'sentAt',
          '#entity': ENTITY_ATTRIBUTE,
          '#id': 'notificationId',
          '#claimedUntil': 'claimedUntil',
          ...names,
        },
        ExpressionAttributeValues: {
          ':sent': SENT,
          ':sentAt': this.clock().toISOString(),
          ':entity': 'NOTIFICATION' satisfies Entity,
          ':id': id,
          ...values,
        },
      }),
    );
  }

  /**
   * The return's sent notifications that carry a record, oldest first: one Query of its partition (a
   * handful of items in a return's life), ConsistentRead so a mail just confirmed is there.
   */
  async sentFor(returnId: string): Promise<SentNotification[]> {
    const sent: SentNotification[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY },
          ExpressionAttributeValues: { ':pk': notificationsPk(returnId) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const parsed = item.status === SENT ? SentSchema.safeParse(item) : undefined;
        if (parsed?.success) sent.push(parsed.data);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return sent.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  }

  /** Sending failed: drops the claim so the next attempt may claim at once. Never undoes a SENT record. */
  async release(id: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: notificationKey(id),
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': SENDING },
        }),
      );
    } catch (error) {
      // Already sent, or nothing to release: either way there is no claim to drop.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
