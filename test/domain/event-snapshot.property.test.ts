import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NamedError } from '../../domain/errors.js';
import { OutboxFullError, withEvents } from '../../domain/events/derive-events.js';
import {
  checkFrozen,
  eventSnapshot,
  materializeEvent,
  UnfrozenEventError,
} from '../../domain/events/event-snapshot.js';
import { transition, type LifecycleCommand, type TransitionContext } from '../../domain/lifecycle.js';
import type { OutboxEvent, Return } from '../../domain/return.js';
import { makeReturn } from '../support/return-factory.js';
import { arbContext, arbReturnWithCommands, deepFreeze } from './arbitraries.js';

const context: TransitionContext = { now: new Date('2026-11-10T12:00:00Z'), actor: { kind: 'seller' } };

/** What the store gives back: a copy, through JSON, as the repositories read it. */
const stored = (ret: Return): Return => JSON.parse(JSON.stringify(ret)) as Return;

/** The dispatcher takes the oldest `count` events off (a drain: same version, one more drain). */
const drained = (ret: Return, count: number): Return => {
  const outbox = ret.outbox!;
  return { ...ret, outbox: { ...outbox, drains: outbox.drains + 1, pending: outbox.pending.slice(count) } };
};

/** The next version as the write path stores it, or undefined when the change is refused (nothing written). */
const written = (read: Return, command: LifecycleCommand, ctx: TransitionContext): Return | undefined => {
  let next: Return;
  try {
    next = transition(read, command, ctx);
  } catch (error) {
    if (error instanceof NamedError && !(error instanceof UnfrozenEventError)) return undefined;
    throw error;
  }
  try {
    return withEvents(read, next);
  } catch (error) {
    // Undispatched for long, the outbox fills; the change is refused, as on the table.
    if (error instanceof OutboxFullError) return undefined;
    throw error;
  }
};

describe('thin events, frozen on write', { timeout: 60_000 }, () => {
  it('whenever an event is dispatched, it carries the snapshot of the return at its version, as when every event stored one', () => {
    fc.assert(
      fc.property(
        arbReturnWithCommands(),
        arbContext(),
        fc.array(fc.nat(), { minLength: 25, maxLength: 25 }),
        ({ ret, commands }, ctx, dispatches) => {
          let current = stored(withEvents(undefined, { ...ret, outbox: undefined }));
          // What every event was before: stored whole, with the snapshot of the write that made it.
          const whole = new Map<string, OutboxEvent>();
          const learn = (written: Return, sequenceBefore: number) => {
            for (const event of written.outbox?.pending ?? []) {
              if (event.sequence <= sequenceBefore) continue;
              expect(event.version).toBe(written.version);
              expect(event.data).not.toHaveProperty('return');
              whole.set(event.id, { ...event, data: { return: eventSnapshot(written), ...event.data } });
            }
          };
          const expectAsBefore = (ret: Return) => {
            checkFrozen(ret);
            for (const event of ret.outbox?.pending ?? []) {
              expect(event.data.return === undefined).toBe(event.version === ret.version);
              expect(materializeEvent(event, ret)).toEqual(whole.get(event.id));
            }
          };
          learn(current, 0);
          commands.forEach((command, i) => {
            // Now and then the dispatcher drains some of the oldest events before the next write.
            const pick = dispatches[i]!;
            if (pick % 3 === 0 && current.outbox) {
              current = stored(drained(current, pick % (current.outbox.pending.length + 1)));
              expectAsBefore(current);
            }
            const sequenceBefore = current.outbox?.lastSequence ?? 0;
            const read = deepFreeze(stored(current));
            const next = written(read, command, ctx);
            if (!next) return;
            expect(next.version).toBe(read.version + 1);
            learn(next, sequenceBefore);
            current = stored(next);
            expectAsBefore(current);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to derive or store a snapshot the return has moved past', () => {
    const open = makeReturn({ sellerId: 'seller-1', status: 'AUTHORIZATION_REQUIRED' });
    const closed = withEvents(open, transition(open, { type: 'CLOSE', reason: 'OTHER' }, context));
    const event = closed.outbox!.pending[0]!;
    expect(materializeEvent(event, closed).data.return).toEqual(eventSnapshot(closed));
    // A write that bypassed withEvents: the version moved on, the event stayed thin.
    const bypassed = { ...closed, version: closed.version + 1 };
    expect(() => materializeEvent(event, bypassed)).toThrow(UnfrozenEventError);
    expect(() => checkFrozen(bypassed)).toThrow(UnfrozenEventError);
    expect(() => withEvents(bypassed, { ...bypassed, version: bypassed.version + 1 })).toThrow(
      UnfrozenEventError,
    );
  });
});
