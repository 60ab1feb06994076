import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  allowedCommands,
  transition,
  type LifecycleCommand,
  type TransitionContext,
} from '../../domain/lifecycle.js';
import {
  IllegalTransitionError,
  NotAnswerableError,
  RateLimitedError,
  ValidationError,
} from '../../domain/errors.js';
import { MARKETPLACES } from '../../domain/marketplaces.js';
import { ReturnSchema, STATUSES, TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import { arbCommand, arbContext, arbReturn, arbReturnWithCommands, deepFreeze } from './arbitraries.js';

/** What the buyer paid, recomputed here in plain integers rather than through the domain's helper. */
const paid = (ret: Return): number =>
  ret.items.reduce((acc, line) => acc + line.unitPrice.amount * line.quantity + (line.tax?.amount ?? 0), 0) +
  (ret.originalShipping?.amount ?? 0);

/** Refund (unless rejected) plus every concession that did not fail. */
const credited = (ret: Return): number =>
  (ret.refund && ret.closure?.reason !== 'REFUND_REJECTED' ? ret.refund.amount.amount : 0) +
  ret.concessions.filter((c) => c.status !== 'FAILED').reduce((acc, c) => acc + c.amount.amount, 0);

/** Everything a return must satisfy, whatever happened to it. */
function expectValidAggregate(ret: Return): void {
  expect(STATUSES).toContain(ret.status);
  expect(ReturnSchema.safeParse(ret).error).toBeUndefined();
  expect(credited(ret)).toBeLessThanOrEqual(paid(ret));
  expect(ret.attention !== undefined).toBe(ret.status === 'NEEDS_ATTENTION');
  for (const m of [...ret.concessions.map((c) => c.amount), ...(ret.refund ? [ret.refund.amount] : [])]) {
    expect(m.currency).toBe(MARKETPLACES[ret.marketplace].currency);
  }
}

type Outcome = { ok: true; next: Return } | { ok: false; error: Error };

/** Runs one transition on a frozen input; anything thrown that is not a domain refusal fails the test. */
function attempt(ret: Return, command: LifecycleCommand, ctx: TransitionContext): Outcome {
  try {
    return { ok: true, next: transition(deepFreeze(ret), command, ctx) };
  } catch (error) {
    // The refusals of the conversation too: an offer not open, a message over the hour's limit.
    if (
      error instanceof IllegalTransitionError ||
      error instanceof ValidationError ||
      error instanceof NotAnswerableError ||
      error instanceof RateLimitedError
    )
      return { ok: false, error };
    throw error;
  }
}

/** Applies the commands in order, skipping the refused ones; gives every return along the way. */
function replay(ret: Return, commands: LifecycleCommand[], ctx: TransitionContext): Return[] {
  const states = [ret];
  for (const command of commands) {
    const outcome = attempt(states[states.length - 1] as Return, command, ctx);
    if (outcome.ok) states.push(outcome.next);
  }
  return states;
}

const isTerminal = (ret: Return) => TERMINAL_STATUSES.includes(ret.status);

// Hundreds of generated sequences per property: allow more than the default 5 s on a busy machine.
describe('lifecycle properties', { timeout: 60_000 }, () => {
  it('every generated return is a valid, reachable aggregate', () => {
    fc.assert(fc.property(arbReturn(), (ret) => expectValidAggregate(ret)));
  });

  it('(1) a terminal status stays terminal, and the same, under any command sequence', () => {
    const fromAnywhere = arbReturnWithCommands();
    const fromTheEnd = arbReturnWithCommands(TERMINAL_STATUSES);
    fc.assert(
      fc.property(fc.oneof(fromAnywhere, fromTheEnd), arbContext(), ({ ret, commands }, ctx) => {
        const states = replay(ret, commands, ctx);
        const firstEnd = states.findIndex(isTerminal);
        if (firstEnd === -1) return;
        const end = states[firstEnd]?.status;
        for (const later of states.slice(firstEnd)) expect(later.status).toBe(end);
      }),
      { numRuns: 300 },
    );
  });

  it('(2) a refused command throws a domain error and leaves the input deep-equal to before', () => {
    const arbCase = arbReturn().chain((ret) =>
      fc.tuple(fc.constant(ret), arbCommand(MARKETPLACES[ret.marketplace].currency, paid(ret) * 2 + 1)),
    );
    fc.assert(
      fc.property(arbCase, arbContext(), ([ret, command], ctx) => {
        const before = structuredClone(ret);
        const outcome = attempt(ret, command, ctx);
        expect(ret).toEqual(before);
        if (!allowedCommands(before.status).includes(command.type)) {
          expect(outcome.ok).toBe(false);
          expect(!outcome.ok && outcome.error).toBeInstanceOf(IllegalTransitionError);
          expect(!outcome.ok && outcome.error).toMatchObject({ from: before.status, command: command.type });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('(2b) a command outside the status row is always refused', () => {
    const arbCase = arbReturn().chain((ret) =>
      fc.tuple(
        fc.constant(ret),
        arbCommand(MARKETPLACES[ret.marketplace].currency).filter(
          (c) => !allowedCommands(ret.status).includes(c.type),
        ),
      ),
    );
    fc.assert(
      fc.property(arbCase, arbContext(), ([ret, command], ctx) => {
        const before = structuredClone(ret);
        expect(() => transition(deepFreeze(ret), command, ctx)).toThrow(IllegalTransitionError);
        expect(ret).toEqual(before);
      }),
    );
  });

  it('(3) every successful transition appends exactly one timeline entry and bumps the version by one', () => {
    fc.assert(
      fc.property(arbReturnWithCommands(), arbContext(), ({ ret, commands }, ctx) => {
        let current = ret;
        for (const command of commands) {
          const outcome = attempt(current, command, ctx);
          if (!outcome.ok) continue;
          const { next } = outcome;
          expect(next.version).toBe(current.version + 1);
          expect(next.updatedAt).toBe(ctx.now.toISOString());
          expect(next.timeline).toHaveLength(current.timeline.length + 1);
          expect(next.timeline.slice(0, -1)).toEqual(current.timeline);
          expect(next.timeline.at(-1)).toMatchObject({
            at: ctx.now.toISOString(),
            type: command.type,
            from: current.status,
            to: next.status,
            actor: ctx.actor,
          });
          expect(allowedCommands(current.status)).toContain(command.type);
          current = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('(4) any command sequence keeps the status known and refunds plus concessions within what was paid', () => {
    fc.assert(
      fc.property(arbReturnWithCommands(STATUSES, 40), arbContext(), ({ ret, commands }, ctx) => {
        for (const state of replay(ret, commands, ctx)) expectValidAggregate(state);
      }),
      { numRuns: 300 },
    );
  });

  it('(4b) the cap is reachable: concessions up to exactly what is left are accepted', () => {
    fc.assert(
      fc.property(arbReturn(STATUSES.filter((s) => s !== 'CANCELLED')), arbContext(), (ret, ctx) => {
        const left = paid(ret) - credited(ret);
        const concession = {
          concessionId: 'cn-rest',
          amount: { amount: left, currency: MARKETPLACES[ret.marketplace].currency },
          reason: 'the rest',
          status: 'SUBMITTED' as const,
          at: ctx.now.toISOString(),
        };
        const full = transition(deepFreeze(ret), { type: 'ADD_CONCESSION', concession }, ctx);
        expect(credited(full)).toBe(paid(full));
        const over = { ...concession, amount: { ...concession.amount, amount: 1 } };
        expect(() => transition(full, { type: 'ADD_CONCESSION', concession: over }, ctx)).toThrow(
          ValidationError,
        );
      }),
    );
  });
});
