import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../domain/zod.js';
import { NamedError } from '../../domain/errors.js';
import { MoneySchema } from '../../domain/money.js';
import { PaymentDeclinedError } from '../../domain/errors.js';
import type { PaymentPort, PaymentRequest, PaymentResult } from '../../domain/ports.js';
import { queryAll } from './dynamodb/query-all.js';
import {
  ENTITY_ATTRIBUTE,
  PARTITION_KEY,
  fakePaymentKey,
  fakePaymentsPk,
  withoutStorageAttributes,
  type Entity,
} from './dynamodb/table-design.js';

/**
 * The provider took the payment but its answer never arrived (a timed-out HTTP call). The money moved;
 * the caller does not know it. Retryable: the same idempotency key answers with the first payment.
 */
export class PaymentProviderTimeoutError extends NamedError {}

/** A key already used for another payment, as real providers refuse it: a bug in the caller, not a retry. */
export class IdempotencyKeyReusedError extends NamedError {}

/** One payment as the fake provider recorded it. */
export const FakePaymentSchema = z.object({
  idempotencyKey: z.string(),
  sellerId: z.string(),
  returnId: z.string(),
  orderId: z.string(),
  kind: z.enum(['REFUND', 'CONCESSION']),
  amount: MoneySchema,
  providerRef: z.string(),
  status: z.literal('COMPLETED'),
  createdAt: z.string(),
});
export type FakePayment = z.infer<typeof FakePaymentSchema>;

export const FAKE_PAYMENT_MODES = ['succeed', 'fail', 'timeout-after-charge', 'crash-after-charge'] as const;
export type FakePaymentMode = (typeof FAKE_PAYMENT_MODES)[number];

/**
 * The control file's shape. `times`, when given, is how many calls the mode still applies to; each call
 * that uses the mode counts it down, and at zero the provider succeeds again (so a test can say "fail once").
 */
export interface FakePaymentControl {
  mode?: FakePaymentMode;
  times?: number;
}

export interface FakePaymentProviderOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** A JSON file (see FakePaymentControl) read on every call; missing or unreadable means "succeed". */
  controlFile?: string;
}

/**
 * A stand-in for the payment provider that pays refunds and concessions, for local runs, tests and
 * sandboxes. Like a real provider (Stripe-style idempotency keys) it keeps its own ledger, one record per
 * key, so a replayed key pays nothing more and answers with the first payment. The ledger lives in our
 * table under its own partitions (FAKEPAY#{returnId}), so it behaves the same across several Lambda
 * containers and on a laptop.
 *
 * Failures are switched on through a control file, read per call like the fake carrier's:
 * `{"mode": "fail"}` declines; `{"mode": "timeout-after-charge"}` records the payment, then throws
 * PaymentProviderTimeoutError; `{"mode": "crash-after-charge"}` records the payment, then kills the process.
 * Add `"times": n` to apply the mode to the next n calls only.
 */
export class FakePaymentProvider implements PaymentPort {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly controlFile: string | undefined;

  constructor(options: FakePaymentProviderOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.controlFile = options.controlFile;
  }

  async pay(request: PaymentRequest): Promise<PaymentResult> {
    const mode = await this.takeMode();
    if (mode === 'fail') {
      throw new PaymentDeclinedError(
        `the fake payment provider declined ${request.kind} ${request.idempotencyKey}`,
      );
    }

    const payment = await this.charge(request);

    if (mode === 'timeout-after-charge') {
      throw new PaymentProviderTimeoutError(
        `the fake payment provider took ${request.idempotencyKey} but its answer timed out`,
      );
    }
    if (mode === 'crash-after-charge') {
      // Exists only so that the end-to-end test can kill the local runtime between the provider's charge
      // and our own write of the result, and then show that the restarted run pays nothing twice.
      // 137 is what a host killed by SIGKILL (an out-of-memory Lambda, a pulled plug) exits with.
      process.exit(137);
    }
    return { providerRef: payment.providerRef, status: payment.status };
  }

  /**
   * Records the payment once per idempotency key (a conditional Put, so concurrent callers with one key
   * agree on one payment) and answers the recorded one. A key replayed with another amount or request is
   * refused, as real providers do.
   */
  private async charge(request: PaymentRequest): Promise<FakePayment> {
    const payment: FakePayment = {
      idempotencyKey: request.idempotencyKey,
      sellerId: request.sellerId,
      returnId: request.returnId,
      orderId: request.orderId,
      kind: request.kind,
      amount: { amount: request.amount.amount, currency: request.amount.currency },
      providerRef: `fp_${randomBytes(12).toString('hex')}`,
      status: 'COMPLETED',
      createdAt: new Date().toISOString(),
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...payment,
            ...fakePaymentKey(request.returnId, request.idempotencyKey),
            [ENTITY_ATTRIBUTE]: 'FAKE_PAYMENT' satisfies Entity,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY },
        }),
      );
      return payment;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }

    const { Item: item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: fakePaymentKey(request.returnId, request.idempotencyKey),
        ConsistentRead: true,
      }),
    );
    // The condition failed, so the item exists; items are never deleted.
    if (!item) throw new Error(`fake payment ${request.idempotencyKey} vanished after its condition failed`);
    const first = toFakePayment(item);
    if (first.amount.amount !== request.amount.amount || first.amount.currency !== request.amount.currency) {
      throw new IdempotencyKeyReusedError('idempotency key reused with another amount');
    }
    if (
      first.sellerId !== request.sellerId ||
      first.orderId !== request.orderId ||
      first.kind !== request.kind
    ) {
      throw new IdempotencyKeyReusedError('idempotency key reused with another request');
    }
    return first;
  }

  /**
   * The mode for this call, counting down `times` in the file when the call uses a limited mode. The
   * count is a read-then-write of a local file: good enough for the one test or demo that drives it, not
   * a lock across processes. The file is replaced by a rename, so a concurrent reader never sees it half
   * written.
   */
  private async takeMode(): Promise<FakePaymentMode> {
    if (!this.controlFile) return 'succeed';
    const control = await readControl(this.controlFile);
    const mode = control.mode ?? 'succeed';
    if (!FAKE_PAYMENT_MODES.includes(mode)) {
      throw new Error(`fake payment control file ${this.controlFile}: unknown mode ${String(mode)}`);
    }
    if (mode === 'succeed' || control.times === undefined) return mode;
    if (control.times <= 0) return 'succeed';
    const left = control.times - 1;
    await writeControl(this.controlFile, left > 0 ? { mode, times: left } : { mode: 'succeed' });
    return mode;
  }
}

/** A missing file is `{}`; a file that is not a JSON object is a mistake worth hearing about. */
const readControl = async (file: string): Promise<FakePaymentControl> => {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  const control: unknown = JSON.parse(text);
  if (control === null || typeof control !== 'object' || Array.isArray(control)) {
    throw new Error(`fake payment control file ${file} must hold a JSON object`);
  }
  return control as FakePaymentControl;
};

const writeControl = async (file: string, control: FakePaymentControl): Promise<void> => {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(control));
  await rename(temporary, file);
};

const toFakePayment = (item: Record<string, unknown>): FakePayment =>
  FakePaymentSchema.parse(withoutStorageAttributes(item));

/**
 * Every payment the fake provider made for one return, by idempotency key (a Query on the return's
 * partition, never a Scan): for tests and the local demo, which check that nothing was paid twice.
 */
export const fakePaymentsOf = async (
  table: { client: DynamoDBDocumentClient; tableName: string },
  returnId: string,
): Promise<FakePayment[]> => {
  const items = await queryAll(table.client, {
    TableName: table.tableName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': PARTITION_KEY },
    ExpressionAttributeValues: { ':pk': fakePaymentsPk(returnId) },
    ConsistentRead: true,
  });
  return items.map(toFakePayment);
};
