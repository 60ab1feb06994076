import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentDeclinedError } from '../../../domain/errors.js';
import type { PaymentRequest } from '../../../domain/ports.js';
import {
  FakePaymentProvider,
  PaymentProviderTimeoutError,
  fakePaymentsOf,
  type FakePaymentControl,
} from '../../../functions/adapters/fake-payment-provider.js';
import { fakePaymentKey } from '../../../functions/adapters/dynamodb/table-design.js';
import { rawItem, tableOptions, uniqueId, uniqueSellerId } from '../support/table.js';

const table = tableOptions();

/** A control file of the test's own, removed afterwards. */
const controlFiles: string[] = [];
const newControlFile = (): string => {
  const file = join(tmpdir(), `fake-payment-${randomUUID()}.json`);
  controlFiles.push(file);
  return file;
};
const setControl = (file: string, control: FakePaymentControl) => writeFile(file, JSON.stringify(control));
const readControl = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));

afterEach(async () => {
  await Promise.all(controlFiles.splice(0).map((file) => rm(file, { force: true })));
});

const requestFor = (overrides: Partial<PaymentRequest> = {}): PaymentRequest => {
  const returnId = overrides.returnId ?? uniqueId('ret');
  return {
    idempotencyKey: `${returnId}-refund`,
    sellerId: uniqueSellerId(),
    returnId,
    orderId: uniqueId('order'),
    amount: { amount: 2807, currency: 'USD' },
    kind: 'REFUND',
    ...overrides,
  };
};

describe('FakePaymentProvider', () => {
  it('pays once and records the payment in its ledger, under the return, by idempotency key', async () => {
    const provider = new FakePaymentProvider(table);
    const request = requestFor();

    const result = await provider.pay(request);

    expect(result).toEqual({ providerRef: expect.stringMatching(/^fp_[0-9a-f]+$/), status: 'COMPLETED' });
    expect(await fakePaymentsOf(table, request.returnId)).toEqual([
      {
        idempotencyKey: request.idempotencyKey,
        sellerId: request.sellerId,
        returnId: request.returnId,
        orderId: request.orderId,
        kind: 'REFUND',
        amount: request.amount,
        providerRef: result.providerRef,
        status: 'COMPLETED',
        createdAt: expect.any(String),
      },
    ]);
    expect(await rawItem(fakePaymentKey(request.returnId, request.idempotencyKey))).toMatchObject({
      pk: `FAKEPAY#${request.returnId}`,
      sk: request.idempotencyKey,
      entity: 'FAKE_PAYMENT',
    });
  });

  it('answers a replayed key with the first payment and pays nothing more', async () => {
    const provider = new FakePaymentProvider(table);
    const request = requestFor();

    const first = await provider.pay(request);
    const second = await provider.pay({ ...request });

    expect(second).toEqual(first);
    expect(await fakePaymentsOf(table, request.returnId)).toHaveLength(1);
  });

  it('keeps payments with different keys apart, even for one return', async () => {
    const provider = new FakePaymentProvider(table);
    const refund = requestFor();
    const concession = { ...refund, idempotencyKey: uniqueId('cn'), kind: 'CONCESSION' as const };

    const a = await provider.pay(refund);
    const b = await provider.pay(concession);

    expect(a.providerRef).not.toBe(b.providerRef);
    const payments = await fakePaymentsOf(table, refund.returnId);
    expect(payments.map((p) => p.idempotencyKey).sort()).toEqual(
      [refund.idempotencyKey, concession.idempotencyKey].sort(),
    );
  });

  it('records exactly one payment for 20 concurrent calls with one key, and all of them agree on it', async () => {
    // Several providers, as several Lambda containers would hold.
    const providers = Array.from({ length: 4 }, () => new FakePaymentProvider(table));
    const request = requestFor();

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (providers[i % providers.length] as FakePaymentProvider).pay(request),
      ),
    );

    const payments = await fakePaymentsOf(table, request.returnId);
    expect(payments).toHaveLength(1);
    expect(new Set(results.map((r) => r.providerRef))).toEqual(new Set([payments[0]?.providerRef]));
  });

  it('refuses a key reused with another amount or currency, and keeps the first payment as it was', async () => {
    const provider = new FakePaymentProvider(table);
    const request = requestFor();
    await provider.pay(request);
    const before = await fakePaymentsOf(table, request.returnId);

    await expect(provider.pay({ ...request, amount: { amount: 2808, currency: 'USD' } })).rejects.toThrow(
      'idempotency key reused with another amount',
    );
    await expect(provider.pay({ ...request, amount: { amount: 2807, currency: 'CAD' } })).rejects.toThrow(
      'idempotency key reused with another amount',
    );
    expect(await fakePaymentsOf(table, request.returnId)).toEqual(before);
  });

  it('declines in fail mode and records nothing', async () => {
    const controlFile = newControlFile();
    await setControl(controlFile, { mode: 'fail' });
    const provider = new FakePaymentProvider({ ...table, controlFile });
    const request = requestFor();

    await expect(provider.pay(request)).rejects.toBeInstanceOf(PaymentDeclinedError);
    await expect(provider.pay(request)).rejects.toBeInstanceOf(PaymentDeclinedError);

    expect(await fakePaymentsOf(table, request.returnId)).toEqual([]);
  });

  it('declines only as many times as the control file says, then pays', async () => {
    const controlFile = newControlFile();
    await setControl(controlFile, { mode: 'fail', times: 1 });
    const provider = new FakePaymentProvider({ ...table, controlFile });
    const request = requestFor();

    await expect(provider.pay(request)).rejects.toBeInstanceOf(PaymentDeclinedError);
    expect(await fakePaymentsOf(table, request.returnId)).toEqual([]);
    expect(await readControl(controlFile)).toEqual({ mode: 'succeed' });

    const paid = await provider.pay(request);
    expect(paid.status).toBe('COMPLETED');
    expect(await fakePaymentsOf(table, request.returnId)).toHaveLength(1);
  });

  it('counts `times` down one call at a time', async () => {
    const controlFile = newControlFile();
    await setControl(controlFile, { mode: 'fail', times: 2 });
    const provider = new FakePaymentProvider({ ...table, controlFile });
    const request = requestFor();

    await expect(provider.pay(request)).rejects.toBeInstanceOf(PaymentDeclinedError);
    expect(await readControl(controlFile)).toEqual({ mode: 'fail', times: 1 });
    await expect(provider.pay(request)).rejects.toBeInstanceOf(PaymentDeclinedError);
    await expect(provider.pay(request)).resolves.toMatchObject({ status: 'COMPLETED' });
  });

  it('succeeds when the control file is missing', async () => {
    const provider = new FakePaymentProvider({ ...table, controlFile: newControlFile() });

    await expect(provider.pay(requestFor())).resolves.toMatchObject({ status: 'COMPLETED' });
  });

  it('takes the money and then times out in timeout-after-charge mode; a retry answers the same payment', async () => {
    const controlFile = newControlFile();
    await setControl(controlFile, { mode: 'timeout-after-charge', times: 1 });
    const provider = new FakePaymentProvider({ ...table, controlFile });
    const request = requestFor();

    const error = await provider.pay(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaymentProviderTimeoutError);
    expect(error).toMatchObject({ name: 'PaymentProviderTimeoutError' });
    expect(error).not.toBeInstanceOf(PaymentDeclinedError);

    const charged = await fakePaymentsOf(table, request.returnId);
    expect(charged).toHaveLength(1);

    const retried = await provider.pay(request);
    expect(retried).toEqual({ providerRef: charged[0]?.providerRef, status: 'COMPLETED' });
    expect(await fakePaymentsOf(table, request.returnId)).toEqual(charged);
  });

  it('lists only the payments of the return asked for', async () => {
    const provider = new FakePaymentProvider(table);
    const mine = requestFor();
    await provider.pay(mine);
    await provider.pay(requestFor());

    expect((await fakePaymentsOf(table, mine.returnId)).map((p) => p.idempotencyKey)).toEqual([
      mine.idempotencyKey,
    ]);
    expect(await fakePaymentsOf(table, uniqueId('ret'))).toEqual([]);
  });
});
