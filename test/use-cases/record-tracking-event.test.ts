import { describe, expect, it } from 'vitest';
import type { TrackingEvent } from '../../domain/carriers/tracking-event.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import type { Return } from '../../domain/return.js';
import { recordTrackingEvent } from '../../functions/use-cases/record-tracking-event.js';
import { otherWriterApplying, runParks } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

/** An event from the carrier that issued the return's label (the factory's labels are `generic`). */
const eventFor = (
  ret: Return,
  status: TrackingEvent['status'],
  eventId = `evt-${status}`,
): TrackingEvent => ({
  carrier: 'generic',
  eventId,
  trackingNumber: ret.trackingNumber!,
  status,
  occurredAt: '2026-11-09T10:00:00Z',
});
const asCommand = ({ status, eventId, occurredAt }: TrackingEvent): LifecycleCommand => ({
  type: 'TRACKING_EVENT',
  status,
  eventId,
  occurredAt,
});
const waitingForCarrier = () =>
  makeReturn({ sellerId, status: 'IN_TRANSIT', pipeline: { taskToken: 'carrier-token' } });

describe('recordTrackingEvent', () => {
  it('moves the return to DELIVERED as the carrier and resumes the run waiting for it', async () => {
    const ret = waitingForCarrier();
    const world = inMemoryWorld([ret]);

    const result = await recordTrackingEvent(world, eventFor(ret, 'DELIVERED'));

    const after = world.returns.latest(ret);
    expect(result).toEqual({ outcome: 'accepted', ret: after, resumed: true });
    expect(after).toMatchObject({ status: 'DELIVERED', lastTrackingStatus: 'DELIVERED' });
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'TRACKING_EVENT',
      from: 'IN_TRANSIT',
      to: 'DELIVERED',
      actor: { kind: 'carrier', id: 'generic' },
      data: { eventId: 'evt-DELIVERED', status: 'DELIVERED' },
    });
    expect(world.pipeline.resumed).toEqual([
      {
        taskToken: 'carrier-token',
        output: { deliveredAt: '2026-11-09T10:00:00Z', trackingNumber: ret.trackingNumber },
      },
    ]);
  });

  it('records a resend once, and resumes a delivered return again in case the first resume failed', async () => {
    const ret = waitingForCarrier();
    const world = inMemoryWorld([ret]);
    await recordTrackingEvent(world, eventFor(ret, 'DELIVERED'));
    const recorded = world.returns.latest(ret);

    const again = await recordTrackingEvent(world, eventFor(ret, 'DELIVERED'));

    expect(again).toEqual({ outcome: 'duplicate', ret: recorded, resumed: true });
    expect(world.returns.latest(ret)).toEqual(recorded);
    expect(world.pipeline.resumed).toHaveLength(2);
  });

  it('ignores an event for a return that takes none, and knows no unknown tracking number', async () => {
    const ret = transition(
      makeReturn({ sellerId, status: 'LABEL_ISSUED' }),
      { type: 'CANCEL' },
      { now: new Date('2026-11-09T00:00:00Z'), actor: { kind: 'buyer' } },
    );
    const world = inMemoryWorld([ret]);

    expect(await recordTrackingEvent(world, eventFor(ret, 'IN_TRANSIT'))).toMatchObject({
      outcome: 'ignored',
    });
    expect(
      await recordTrackingEvent(world, { ...eventFor(ret, 'IN_TRANSIT'), trackingNumber: '1Z404' }),
    ).toEqual({
      outcome: 'unknown',
    });
    expect(world.returns.latest(ret)).toEqual(ret);
  });

  it.each(['ups', 'fedex', 'usps'] as const)(
    'knows no tracking number from %s on a return whose label another carrier issued, writing nothing',
    async (carrier) => {
      const ret = waitingForCarrier(); // its label is the generic carrier's
      const world = inMemoryWorld([ret]);

      const result = await recordTrackingEvent(world, { ...eventFor(ret, 'DELIVERED'), carrier });

      expect(result).toEqual({ outcome: 'unknown' });
      expect(world.returns.latest(ret)).toEqual(ret);
      expect(world.pipeline.resumed).toEqual([]);
    },
  );

  describe('when another writer changes the return between the read and the write', () => {
    it('resumes the run whose token the other writer stored', async () => {
      const ret = makeReturn({ sellerId, status: 'IN_TRANSIT' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(runParks('ISSUE_LABEL', 'carrier-token'));

      const result = await recordTrackingEvent(world, eventFor(ret, 'DELIVERED'));

      expect(world.returns.conflicts).toBe(1);
      expect(result).toMatchObject({ outcome: 'accepted', resumed: true });
      expect(
        world.returns
          .latest(ret)
          .timeline.slice(-2)
          .map((e) => e.type),
      ).toEqual(['ISSUE_LABEL', 'TRACKING_EVENT']);
      expect(world.pipeline.resumed.map((r) => r.taskToken)).toEqual(['carrier-token']);
    });

    it('records the event once when a resend of it was recorded first', async () => {
      const ret = waitingForCarrier();
      const world = inMemoryWorld([ret]);
      const event = eventFor(ret, 'DELIVERED');
      world.returns.raceNextUpdate(otherWriterApplying(asCommand(event), { kind: 'carrier', id: 'generic' }));

      const result = await recordTrackingEvent(world, event);

      expect(result).toMatchObject({ outcome: 'duplicate', resumed: true });
      const after = world.returns.latest(ret);
      expect(after.status).toBe('DELIVERED');
      expect(after.timeline.filter((e) => e.type === 'TRACKING_EVENT')).toHaveLength(1);
    });
  });
});
