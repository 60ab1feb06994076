import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { CarrierPort } from '../../../domain/ports.js';
import { withEvents } from '../../../domain/events/derive-events.js';
import { transition } from '../../../domain/lifecycle.js';
import type { ReturnRepository } from '../../../domain/ports.js';
import type { Return, Status } from '../../../domain/return.js';
import type { PipelinePort } from '../../../domain/ports.js';
import { FakeCarrier } from '../../../functions/adapters/fake-carrier.js';
import { clock, policies } from '../../../functions/shared/dependencies/data.js';
import { payments } from '../../../functions/shared/dependencies/payments.js';
import { pipeline } from '../../../functions/shared/dependencies/pipeline.js';
import { awaitInspection } from '../../../functions/use-cases/await-inspection.js';
import { closeUnshipped } from '../../../functions/use-cases/close-unshipped.js';
import { computeRefund } from '../../../functions/use-cases/compute-refund.js';
import { issueLabel } from '../../../functions/use-cases/issue-label.js';
import { issueRefund } from '../../../functions/use-cases/issue-refund.js';
import { recordStepFailure } from '../../../functions/use-cases/record-step-failure.js';
import { startPipeline } from '../../../functions/use-cases/start-pipeline.js';
import { ConflictingReturnRepository } from '../../support/conflicting-return-repository.js';
import { mailTo } from '../support/mailbox.js';
import { reread, returns, storedReturn } from '../support/pipeline.js';
import {
  newBuyer,
  paidByStripe,
  paymentsOf,
  recordedCallbacks,
  refundSeller,
  setPaymentMode,
} from '../support/refunds.js';
import { uniqueId } from '../support/table.js';

/**
 * One read per decision: each pipeline use case decides inside its optimistic-locking loop, on the
 * version it writes over. Each case runs a step on twin returns: on one, another writer's change was
 * made before the step read it (no conflict); on the other, the same change lands between the step's
 * read and its write (a conflict, see ConflictingReturnRepository). Both must end the same: the same
 * status, refund, label terms, closure, attention, adjustments, timeline, mail, payments and callbacks,
 * and the other writer's change kept.
 */

let sellerId: string;
beforeAll(async () => {
  ({ sellerId } = await refundSeller());
});

type OtherWriter = (current: Return) => Return;

/** A seller's goodwill credit, made meanwhile. */
const concessionMeanwhile: OtherWriter = (current) =>
  transition(
    current,
    {
      type: 'ADD_CONCESSION',
      concession: {
        concessionId: `cn-${current.id}`,
        amount: { amount: 100, currency: 'USD' },
        reason: 'goodwill, meanwhile',
        status: 'SUBMITTED',
        at: new Date().toISOString(),
      },
    },
    { now: new Date(), actor: { kind: 'seller', id: current.sellerId } },
  );

/** A carrier resending its delivery event meanwhile: recorded and ignored. */
const lateDeliveryMeanwhile: OtherWriter = (current) =>
  transition(
    current,
    {
      type: 'TRACKING_EVENT',
      status: 'DELIVERED',
      eventId: `late-${ulid()}`,
      occurredAt: new Date().toISOString(),
    },
    { now: new Date(), actor: { kind: 'carrier', id: 'ups' } },
  );

/** What a step's outcome comes to, without what differs between twins (ids, times, tokens). */
const outcome = async (ret: Return, tokens: string[] = []) => {
  const stored = (await reread(ret)) as Return;
  const callbacks = (await Promise.all(tokens.map(recordedCallbacks))).flat();
  return {
    status: stored.status,
    refund: stored.refund && {
      amount: stored.refund.amount,
      status: stored.refund.status,
      requiresApproval: stored.refund.requiresApproval,
      breakdown: stored.refund.breakdown.map((line) => [line.kind, line.amount]),
    },
    label: stored.label && {
      carrier: stored.label.carrier,
      paidBy: stored.label.paidBy,
      returnAddress: stored.label.returnAddress,
    },
    closure: stored.closure,
    attention: stored.attention,
    concessions: stored.concessions.map((c) => c.amount),
    adjustments: stored.inventoryAdjustments.map(({ at: _at, ...adjustment }) => adjustment),
    // As a set: the other writer's entry sits before the step's on one twin, between its writes on the other.
    timeline: stored.timeline.map((entry) => entry.type).sort(),
    tokens: Object.keys(stored.pipeline ?? {}).sort(),
    mails: (await mailTo(ret.buyer.email)).map((mail) => mail.subject.replace(ret.rma, 'RMA')),
    payments: (await paymentsOf(ret)).map((payment) => payment.amount),
    callbacks: callbacks.map(({ kind, error }) => ({ kind, error })),
  };
};

type Step = (repository: ReturnRepository, ret: Return, token: string) => Promise<unknown>;

/**
 * Runs `step` on a return changed by `otherWriter` first, and on its twin with that change made before
 * the step's `nth` write; returns both outcomes and how often the race was lost.
 */
const twins = async (
  status: Status,
  otherWriter: OtherWriter,
  step: Step,
  { nth = 1, ...overrides }: Partial<Return> & { nth?: number } = {},
) => {
  // The other writer writes as its use case would: with the change's events (decideOnLatest).
  const writesMeanwhile: OtherWriter = (current) => withEvents(current, otherWriter(current));
  const plain = await storedReturn({ sellerId, status, buyer: newBuyer(), ...paidByStripe(), ...overrides });
  await returns().update(writesMeanwhile(plain));
  const plainToken = uniqueId('token');
  await step(returns(), plain, plainToken);

  const raced = await storedReturn({ sellerId, status, buyer: newBuyer(), ...paidByStripe(), ...overrides });
  const racing = new ConflictingReturnRepository(returns(), writesMeanwhile, nth);
  const racedToken = uniqueId('token');
  await step(racing, raced, racedToken);

  expect(racing.interfered).toBe(1);
  return {
    plain: await outcome(plain, [plainToken]),
    raced: await outcome(raced, [racedToken]),
  };
};

const expectSameOutcome = ({ plain, raced }: Awaited<ReturnType<typeof twins>>) => {
  expect(raced).toEqual(plain);
  // The other writer's change survives the step's write.
  expect(raced.timeline.some((type) => type === 'ADD_CONCESSION' || type === 'TRACKING_EVENT')).toBe(true);
};

const WINDOW = 14 * 86_400;
/** The factory's labels come from no provider, so nothing is voided: no seller needs one here. */
const noLabels = { forSeller: () => Promise.reject(new Error('no label provider in this test')) };

describe('a write conflict between the first read and the write gives the same outcome as none', () => {
  it('IssueLabel: the label and the carrier token go on the latest return; the label is bought once', async () => {
    let bought = 0;
    const counting: CarrierPort = {
      createLabel: (request) => {
        bought += 1;
        return new FakeCarrier().createLabel(request);
      },
    };
    const result = await twins('AUTHORIZED', concessionMeanwhile, (repository, ret, token) =>
      issueLabel(
        {
          returns: repository,
          clock,
          policies,
          labels: { forSeller: async () => counting },
          pipeline,
        },
        ret.sellerId,
        ret.id,
        token,
        WINDOW,
      ),
    );
    expectSameOutcome(result);
    expect(result.raced).toMatchObject({ status: 'LABEL_ISSUED', tokens: ['taskToken'] });
    expect(result.raced.mails).toHaveLength(1);
    // One purchase per return: the conflict re-decided without buying again.
    expect(bought).toBe(2);
  });

  it('ComputeRefund: the refund is decided on the latest return (a concession made meanwhile counts)', async () => {
    const result = await twins('INSPECTED', concessionMeanwhile, (repository, ret, token) =>
      computeRefund(
        {
          returns: repository,
          policies,
          clock,
          pipeline,
        },
        ret.sellerId,
        ret.id,
        token,
      ),
    );
    expectSameOutcome(result);
    expect(result.raced).toMatchObject({ status: 'REFUND_IN_PROGRESS', callbacks: [{ kind: 'success' }] });
    // What was already credited (the concession made meanwhile) is held back from the full 28.07.
    expect(result.raced.refund!.amount).toEqual({ amount: 2807 - 100, currency: 'USD' });
  });

  it("IssueRefund: an inspected return's refund is recorded on the latest return, holding back what was credited meanwhile, and paid once", async () => {
    await setPaymentMode('succeed');
    const result = await twins('INSPECTED', concessionMeanwhile, (repository, ret) =>
      issueRefund(
        { returns: repository, clock, payments, pipeline, policies },
        ret.sellerId,
        ret.id,
        `refund-token-${ret.id}`,
      ),
    );
    expectSameOutcome(result);
    expect(result.raced).toMatchObject({ status: 'COMPLETED' });
    expect(result.raced.refund!.amount).toEqual({ amount: 2807 - 100, currency: 'USD' });
    expect(result.raced.payments).toHaveLength(1);
  });

  it.each([
    ['the payment', 1],
    ['the disposition', 2],
  ])('IssueRefund: the write after %s decides on the latest return, and pays once', async (_what, nth) => {
    await setPaymentMode('succeed');
    const result = await twins(
      'REFUND_IN_PROGRESS',
      lateDeliveryMeanwhile,
      (repository, ret) =>
        issueRefund(
          { returns: repository, clock, payments, pipeline, policies },
          ret.sellerId,
          ret.id,
          `refund-token-${ret.id}`,
        ),
      { nth },
    );
    expectSameOutcome(result);
    expect(result.raced).toMatchObject({ status: 'COMPLETED' });
    expect(result.raced.payments).toHaveLength(1);
    expect(result.raced.adjustments).toHaveLength(result.plain.adjustments.length);
    expect(result.raced.timeline.filter((type) => type === 'APPLY_DISPOSITION')).toHaveLength(1);
  });

  it('CloseUnshipped: the return is closed on its latest version, and the buyer told once', async () => {
    const result = await twins('LABEL_ISSUED', concessionMeanwhile, (repository, ret) =>
      closeUnshipped({ returns: repository, clock, labels: noLabels }, ret.sellerId, ret.id),
    );
    expectSameOutcome(result);
    expect(result.raced).toMatchObject({ status: 'CLOSED', closure: { reason: 'BUYER_DID_NOT_SHIP' } });
    expect(result.raced.mails).toHaveLength(1);
  });

  it('CloseUnshipped: a return cancelled meanwhile is left cancelled, and nobody is told', async () => {
    const cancelMeanwhile: OtherWriter = (current) =>
      transition(current, { type: 'CANCEL' }, { now: new Date(), actor: { kind: 'buyer' } });
    const { plain, raced } = await twins('LABEL_ISSUED', cancelMeanwhile, (repository, ret) =>
      closeUnshipped({ returns: repository, clock, labels: noLabels }, ret.sellerId, ret.id),
    );
    expect(raced).toEqual(plain);
    expect(raced).toMatchObject({ status: 'CANCELLED', mails: [] });
  });

  it('RecordStepFailure: the failure is recorded on the latest return, resuming where it stands', async () => {
    const result = await twins('AUTHORIZED', concessionMeanwhile, (repository, ret) =>
      recordStepFailure({ returns: repository, clock }, ret.sellerId, ret.id, 'IssueLabel', {
        Error: 'CarrierUnavailableError',
        Cause: 'down',
      }),
    );
    expectSameOutcome(result);
    expect(result.raced).toMatchObject({
      status: 'NEEDS_ATTENTION',
      attention: { step: 'IssueLabel', resumeStatus: 'AUTHORIZED' },
    });
  });

  it('AwaitInspection: the token goes on the latest return (the delivery, not the step, tells the buyer)', async () => {
    const result = await twins('DELIVERED', lateDeliveryMeanwhile, (repository, ret, token) =>
      awaitInspection({ returns: repository, clock, pipeline }, ret.sellerId, ret.id, token),
    );
    expectSameOutcome(result);
    expect(result.raced).toMatchObject({ status: 'DELIVERED', tokens: ['inspectionToken'], mails: [] });
  });

  it('StartPipeline: a run that cannot start sends the latest return to NEEDS_ATTENTION', async () => {
    const unreachable: PipelinePort = {
      start: () => Promise.reject(new Error('state machine unreachable')),
      resume: () => Promise.resolve(),
      abandon: () => Promise.resolve(),
      sendOn: () => Promise.resolve(),
    };
    const result = await twins('AUTHORIZED', concessionMeanwhile, async (repository, ret) => {
      // The caller's copy is the one it read before the other writer's change.
      const answered = await startPipeline(
        { returns: repository, clock, pipeline: unreachable, policies },
        ret,
        'corr',
      );
      expect(answered.status).toBe('NEEDS_ATTENTION');
    });
    expectSameOutcome(result);
    expect(result.raced).toMatchObject({
      status: 'NEEDS_ATTENTION',
      attention: { step: 'StartPipeline', resumeStatus: 'AUTHORIZED' },
    });
  });
});
