import { describe, expect, it } from 'vitest';
import { DynamoNotificationLedger } from '../../../functions/adapters/dynamodb/notification-ledger.js';
import { notificationKey } from '../../../functions/adapters/dynamodb/table-design.js';
import { rawItem, tableOptions, uniqueId } from '../support/table.js';

const table = tableOptions();
const START = new Date('2026-11-20T12:00:00.000Z');

/** A clock the test moves by hand. */
const manualClock = (start = START) => {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
};

describe('DynamoNotificationLedger', () => {
  it('grants a claim once; a second claim while the first is live is refused', async () => {
    const ledger = new DynamoNotificationLedger(table);
    const id = `${uniqueId('ret')}#REFUND_ISSUED`;

    expect(await ledger.claim(id)).toBe(true);
    expect(await ledger.claim(id)).toBe(false);
  });

  it('stores the claim as SENDING with its lease', async () => {
    const clock = manualClock();
    const ledger = new DynamoNotificationLedger({ ...table, leaseSeconds: 30, clock: clock.now });
    const id = `${uniqueId('ret')}#REFUND_ISSUED`;

    await ledger.claim(id);

    expect(await rawItem(notificationKey(id))).toMatchObject({
      pk: `NOTIFICATION#${id.split('#')[0]}`,
      sk: 'REFUND_ISSUED',
      entity: 'NOTIFICATION',
      status: 'SENDING',
      claimedUntil: START.getTime() + 30_000,
    });
  });

  it('never grants a claim again once the notification is confirmed, however long after', async () => {
    const clock = manualClock();
    const ledger = new DynamoNotificationLedger({ ...table, leaseSeconds: 60, clock: clock.now });
    const id = `${uniqueId('ret')}#REFUND_ISSUED`;

    expect(await ledger.claim(id)).toBe(true);
    await ledger.confirm(id);

    expect(await ledger.claim(id)).toBe(false);
    clock.advance(365 * 86_400_000);
    expect(await ledger.claim(id)).toBe(false);
    expect(await rawItem(notificationKey(id))).toMatchObject({ status: 'SENT', sentAt: expect.any(String) });
  });

  it('lets the next attempt claim at once after a release', async () => {
    const ledger = new DynamoNotificationLedger(table);
    const id = `${uniqueId('ret')}#REFUND_ISSUED`;

    expect(await ledger.claim(id)).toBe(true);
    await ledger.release(id);

    expect(await ledger.claim(id)).toBe(true);
    expect(await ledger.claim(id)).toBe(false);
  });

  it('does not undo a sent notification on release, and releasing nothing is harmless', async () => {
    const ledger = new DynamoNotificationLedger(table);
    const sent = `${uniqueId('ret')}#REFUND_ISSUED`;
    await ledger.claim(sent);
    await ledger.confirm(sent);

    await ledger.release(sent);
    await ledger.release(`${uniqueId('never-claimed')}#REFUND_ISSUED`);

    expect(await ledger.claim(sent)).toBe(false);
  });

  it('lets a lapsed lease be claimed again, but not a live one', async () => {
    const clock = manualClock();
    const ledger = new DynamoNotificationLedger({ ...table, leaseSeconds: 120, clock: clock.now });
    const id = `${uniqueId('ret')}#REFUND_ISSUED`;

    expect(await ledger.claim(id)).toBe(true);
    clock.advance(119_000);
    expect(await ledger.claim(id)).toBe(false);
    clock.advance(2_000);
    expect(await ledger.claim(id)).toBe(true);
    // The new claim holds a fresh lease.
    expect(await ledger.claim(id)).toBe(false);
  });

  it('grants exactly one of 10 concurrent claims', async () => {
    const ledgers = Array.from({ length: 3 }, () => new DynamoNotificationLedger(table));
    const id = `${uniqueId('ret')}#REFUND_ISSUED`;

    const granted = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (ledgers[i % ledgers.length] as DynamoNotificationLedger).claim(id),
      ),
    );

    expect(granted.filter(Boolean)).toHaveLength(1);
  });

  it('keeps notifications apart by id', async () => {
    const ledger = new DynamoNotificationLedger(table);
    const a = `${uniqueId('ret')}#REFUND_ISSUED`;
    const b = `${uniqueId('ret')}#REFUND_ISSUED`;

    expect(await ledger.claim(a)).toBe(true);
    await ledger.confirm(a);
    expect(await ledger.claim(b)).toBe(true);
  });

  it("keeps a return's notifications in its own partition, by kind, and lists the sent ones with one Query", async () => {
    const clock = manualClock();
    const ledger = new DynamoNotificationLedger({ ...table, clock: clock.now });
    const returnId = uniqueId('ret');
    const other = uniqueId('ret');
    const record = (kind: string, recipient: 'buyer' | 'seller') => ({
      kind,
      recipient,
      locale: 'zh-CN',
      subject: `${kind} 主题`,
    });

    await ledger.claim(`${returnId}#RETURN_AUTHORIZED`);
    await ledger.confirm(`${returnId}#RETURN_AUTHORIZED`, record('RETURN_AUTHORIZED', 'buyer'));
    clock.advance(1_000);
    // A kind may itself hold '#' (one mail per refund attempt): the sort key is all of it.
    await ledger.claim(`${returnId}#REFUND_ACTION_REQUIRED#${returnId}-refund`);
    await ledger.confirm(
      `${returnId}#REFUND_ACTION_REQUIRED#${returnId}-refund`,
      record('REFUND_ACTION_REQUIRED', 'seller'),
    );
    await ledger.claim(`${returnId}#REFUND_ISSUED`); // claimed, not sent: not listed
    await ledger.claim(`${other}#RETURN_CLOSED`);
    await ledger.confirm(`${other}#RETURN_CLOSED`, record('RETURN_CLOSED', 'buyer'));

    expect(
      await rawItem(notificationKey(`${returnId}#REFUND_ACTION_REQUIRED#${returnId}-refund`)),
    ).toMatchObject({
      pk: `NOTIFICATION#${returnId}`,
      sk: `REFUND_ACTION_REQUIRED#${returnId}-refund`,
      subject: 'REFUND_ACTION_REQUIRED 主题',
    });
    expect(await ledger.sentFor(returnId)).toEqual([
      { ...record('RETURN_AUTHORIZED', 'buyer'), sentAt: START.toISOString() },
      {
        ...record('REFUND_ACTION_REQUIRED', 'seller'),
        sentAt: new Date(START.getTime() + 1_000).toISOString(),
      },
    ]);
    expect(await ledger.sentFor(uniqueId('ret'))).toEqual([]);
  });

  it('refuses an id that names no return', async () => {
    await expect(new DynamoNotificationLedger(table).claim('REFUND_ISSUED')).rejects.toThrow(
      '<returnId>#<kind>',
    );
  });
});
