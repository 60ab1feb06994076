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
    const id = uniqueId('notification');

    expect(await ledger.claim(id)).toBe(true);
    expect(await ledger.claim(id)).toBe(false);
  });

  it('stores the claim as SENDING with its lease', async () => {
    const clock = manualClock();
    const ledger = new DynamoNotificationLedger({ ...table, leaseSeconds: 30, clock: clock.now });
    const id = uniqueId('notification');

    await ledger.claim(id);

    expect(await rawItem(notificationKey(id))).toMatchObject({
      pk: `NOTIFICATION#${id}`,
      sk: 'NOTIFICATION',
      entity: 'NOTIFICATION',
      status: 'SENDING',
      claimedUntil: START.getTime() + 30_000,
    });
  });

  it('never grants a claim again once the notification is confirmed, however long after', async () => {
    const clock = manualClock();
    const ledger = new DynamoNotificationLedger({ ...table, leaseSeconds: 60, clock: clock.now });
    const id = uniqueId('notification');

    expect(await ledger.claim(id)).toBe(true);
    await ledger.confirm(id);

    expect(await ledger.claim(id)).toBe(false);
    clock.advance(365 * 86_400_000);
    expect(await ledger.claim(id)).toBe(false);
    expect(await rawItem(notificationKey(id))).toMatchObject({ status: 'SENT', sentAt: expect.any(String) });
  });

  it('lets the next attempt claim at once after a release', async () => {
    const ledger = new DynamoNotificationLedger(table);
    const id = uniqueId('notification');

    expect(await ledger.claim(id)).toBe(true);
    await ledger.release(id);

    expect(await ledger.claim(id)).toBe(true);
    expect(await ledger.claim(id)).toBe(false);
  });

  it('does not undo a sent notification on release, and releasing nothing is harmless', async () => {
    const ledger = new DynamoNotificationLedger(table);
    const sent = uniqueId('notification');
    await ledger.claim(sent);
    await ledger.confirm(sent);

    await ledger.release(sent);
    await ledger.release(uniqueId('never-claimed'));

    expect(await ledger.claim(sent)).toBe(false);
  });

  it('lets a lapsed lease be claimed again, but not a live one', async () => {
    const clock = manualClock();
    const ledger = new DynamoNotificationLedger({ ...table, leaseSeconds: 120, clock: clock.now });
    const id = uniqueId('notification');

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
    const id = uniqueId('notification');

    const granted = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (ledgers[i % ledgers.length] as DynamoNotificationLedger).claim(id),
      ),
    );

    expect(granted.filter(Boolean)).toHaveLength(1);
  });

  it('keeps notifications apart by id', async () => {
    const ledger = new DynamoNotificationLedger(table);
    const a = uniqueId('notification');
    const b = uniqueId('notification');

    expect(await ledger.claim(a)).toBe(true);
    await ledger.confirm(a);
    expect(await ledger.claim(b)).toBe(true);
  });
});
