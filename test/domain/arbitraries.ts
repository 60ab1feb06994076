/**
 * fast-check arbitraries for the return aggregate and the lifecycle commands. Every return they make is
 * one the lifecycle can reach (the fields a status implies are there, refunds plus concessions stay
 * within what was paid) and parses with ReturnSchema, so other suites can reuse them.
 */
import fc from 'fast-check';
import { MARKETPLACES, type Marketplace } from '../../domain/marketplaces.js';
import type { Currency, Money } from '../../domain/money.js';
import { REASON_CLASSES, type ReasonCode } from '../../domain/reason-codes.js';
import { DISPOSITIONS, GRADES, type Inspection } from '../../domain/inspection.js';
import { REFUND_STATUSES, type Refund } from '../../domain/refund.js';
import type { ReturnAddress } from '../../domain/policy.js';
import {
  CLOSURE_REASONS,
  HAPPY_PATH,
  STATUSES,
  type Actor,
  type Concession,
  type DispositionAdjustment,
  type Label,
  type Return,
  type Status,
  type TimelineEntry,
} from '../../domain/return.js';
import {
  TRACKING_STATUSES,
  totalPaid,
  type LifecycleCommand,
  type TransitionContext,
} from '../../domain/lifecycle.js';

// --- building blocks ------------------------------------------------------------------------------------

const MARKETPLACE_CODES = Object.keys(MARKETPLACES) as Marketplace[];
const REASON_CODES = Object.keys(REASON_CLASSES) as ReasonCode[];

// Built once: fc.stringMatching compiles its regex on every call, which is slow inside `chain`.
const ISO_DATE_TIME = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const IDENTIFIER = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,15}$/);
const POSTAL_CODE = fc.stringMatching(/^[0-9]{5}$/);
const EMAIL = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/).map((local) => `${local}@example.com`);

export const arbIsoDateTime = (): fc.Arbitrary<string> => ISO_DATE_TIME;

/** Identifiers as the contract allows them (letters, digits, dashes). */
export const arbIdentifier = (): fc.Arbitrary<string> => IDENTIFIER;

const arbText = (maxLength = 40): fc.Arbitrary<string> => fc.string({ maxLength });

export const arbMoney = (currency: Currency, max = 200_000, min = 0): fc.Arbitrary<Money> =>
  fc.integer({ min, max }).map((amount) => ({ amount, currency }));

export const arbActor = (): fc.Arbitrary<Actor> =>
  fc.record(
    {
      kind: fc.constantFrom('seller', 'buyer', 'system', 'carrier', 'warehouse', 'policy'),
      id: arbIdentifier(),
    },
    { requiredKeys: ['kind'] },
  );

/** The clock and the actor of a transition. */
export const arbContext = (): fc.Arbitrary<TransitionContext> =>
  fc.record({
    now: fc.date({
      min: new Date('2024-01-01T00:00:00Z'),
      max: new Date('2031-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
    actor: arbActor(),
  });

export const arbReturnAddress = (): fc.Arbitrary<ReturnAddress> =>
  fc.record(
    {
      name: fc.constantFrom('Returns Dept', 'ACME Returns'),
      line1: fc.constantFrom('1 Main St', '22 Dock Road'),
      line2: fc.constantFrom('Unit 4', 'Bay 2'),
      city: fc.constantFrom('Seattle', 'Berlin', 'Osaka'),
      region: fc.constantFrom('WA', 'BE'),
      postalCode: POSTAL_CODE,
      country: fc.constantFrom('US', 'DE', 'JP', 'GB'),
    },
    { requiredKeys: ['name', 'line1', 'city', 'postalCode', 'country'] },
  );

export const arbLabel = (currency: Currency): fc.Arbitrary<Label> =>
  fc.record(
    {
      carrier: fc.constantFrom('ups', 'fedex', 'usps', 'generic'),
      trackingNumber: arbIdentifier(),
      labelUrl: arbIdentifier().map((id) => `https://labels.example.com/${id}.pdf`),
      shipBy: arbIsoDateTime(),
      paidBy: fc.constantFrom('SELLER' as const, 'BUYER' as const),
      returnAddress: arbReturnAddress(),
      cost: arbMoney(currency, 5_000),
    },
    { requiredKeys: ['carrier', 'trackingNumber', 'labelUrl', 'shipBy', 'paidBy', 'returnAddress'] },
  );

/**
 * An inspection. Given the return's SKUs, it grades those (RECORD_INSPECTION refuses any other SKU);
 * without them, any identifier.
 */
export const arbInspection = (skus: readonly string[] = []): fc.Arbitrary<Inspection> =>
  fc.record(
    {
      lines: fc.array(
        fc.record(
          {
            sku: skus.length > 0 ? fc.constantFrom(...skus) : arbIdentifier(),
            grade: fc.constantFrom(...GRADES),
            notes: arbText(),
          },
          { requiredKeys: ['sku', 'grade'] },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      disposition: fc.constantFrom(...DISPOSITIONS),
      notes: arbText(),
      inspector: arbText(),
    },
    { requiredKeys: ['lines', 'disposition'] },
  );

export const arbRefund = (
  currency: Currency,
  maxAmount: number,
  overrides: Partial<Refund> = {},
): fc.Arbitrary<Refund> =>
  fc
    .record({
      refundId: arbIdentifier().map((id) => `rf-${id}`),
      status: fc.constant('SUBMITTED' as const),
      amount: arbMoney(currency, maxAmount),
      requiresApproval: fc.boolean(),
      computedAt: arbIsoDateTime(),
    })
    .map((r) => ({
      ...r,
      breakdown: [
        { kind: 'ITEM' as const, amount: r.amount.amount, currency, explanation: 'item price refunded' },
      ],
      ...overrides,
    }));

export const arbConcession = (currency: Currency, maxAmount: number): fc.Arbitrary<Concession> =>
  fc.record({
    concessionId: arbIdentifier().map((id) => `cn-${id}`),
    amount: arbMoney(currency, maxAmount),
    reason: arbText(),
    status: fc.constantFrom(...REFUND_STATUSES),
    at: arbIsoDateTime(),
  });

export const arbInventoryAdjustment = (): fc.Arbitrary<DispositionAdjustment> =>
  fc.record({
    sku: arbIdentifier(),
    quantity: fc.integer({ min: -5, max: 5 }),
    disposition: fc.constantFrom(...DISPOSITIONS),
    at: arbIsoDateTime(),
  });

const arbTimelineEntry = (): fc.Arbitrary<TimelineEntry> =>
  fc.record(
    {
      at: arbIsoDateTime(),
      type: fc.constantFrom('CREATE', 'AUTHORIZE', 'ISSUE_LABEL'),
      from: fc.constantFrom(...STATUSES),
      to: fc.constantFrom(...STATUSES),
      actor: arbActor(),
      note: arbText(),
    },
    { requiredKeys: ['at', 'type', 'from', 'to', 'actor'] },
  );

// --- the aggregate --------------------------------------------------------------------------------------

/** A freshly created return, before any lifecycle step: the request, the decision, no side data. */
export const arbNewReturn = (
  status: 'AUTHORIZATION_REQUIRED' | 'AUTHORIZED' = 'AUTHORIZATION_REQUIRED',
): fc.Arbitrary<Return> =>
  fc.constantFrom(...MARKETPLACE_CODES).chain((marketplace) => {
    const currency = MARKETPLACES[marketplace].currency;
    return fc
      .record(
        {
          id: arbIdentifier().map((id) => `ret-${id}`),
          sellerId: arbIdentifier().map((id) => `seller-${id}`),
          rma: arbIdentifier().map((id) => `RMA-${id}`),
          orderId: arbIdentifier(),
          buyer: fc.record(
            {
              email: EMAIL,
              locale: fc.constantFrom('en-US', 'de-DE', 'ja-JP', 'fr-FR'),
              country: fc.constantFrom('US', 'DE', 'JP', 'FR'),
              name: arbText(),
            },
            { requiredKeys: ['email', 'country'] },
          ),
          deliveredAt: arbIsoDateTime(),
          items: fc.array(
            fc.record(
              {
                sku: arbIdentifier(),
                category: fc.constantFrom('electronics', 'apparel', 'toys', 'books'),
                title: arbText(),
                quantity: fc.integer({ min: 1, max: 5 }),
                unitPrice: arbMoney(currency, 200_000),
                tax: arbMoney(currency, 20_000),
              },
              { requiredKeys: ['sku', 'category', 'quantity', 'unitPrice'] },
            ),
            { minLength: 1, maxLength: 3 },
          ),
          reason: fc.constantFrom(...REASON_CODES),
          comment: arbText(),
          originalShipping: arbMoney(currency, 2_000),
          returnless: fc.boolean(),
          createdAt: arbIsoDateTime(),
          version: fc.integer({ min: 1, max: 50 }),
          timeline: fc.array(arbTimelineEntry(), { maxLength: 3 }),
        },
        {
          requiredKeys: [
            'id',
            'sellerId',
            'rma',
            'orderId',
            'buyer',
            'deliveredAt',
            'items',
            'reason',
            'returnless',
            'createdAt',
            'version',
            'timeline',
          ],
        },
      )
      .map((r): Return => ({
        ...r,
        marketplace,
        status,
        decision: {
          outcome: status === 'AUTHORIZED' ? 'AUTHORIZE' : 'REQUIRES_AUTHORIZATION',
          withinPolicy: status === 'AUTHORIZED',
          returnless: r.returnless,
          summary: 'generated',
          checks: [],
        },
        concessions: [],
        inventoryAdjustments: [],
        updatedAt: r.createdAt,
      }));
  });

type Stage = (typeof HAPPY_PATH)[number];

const reached = (stage: Stage, step: Stage): boolean => HAPPY_PATH.indexOf(stage) >= HAPPY_PATH.indexOf(step);

/** Stages a returnless return can stand in: the label, carrier and inspection steps are skipped. */
const RETURNLESS_STAGES: readonly Stage[] = [
  'AUTHORIZATION_REQUIRED',
  'AUTHORIZED',
  'REFUND_PENDING_APPROVAL',
  'REFUND_IN_PROGRESS',
  'REFUNDED',
  'COMPLETED',
];

/** A return that got as far as `stage` on the happy path, with the fields that stage implies. */
const arbReturnAtStage = (stage: Stage): fc.Arbitrary<Return> =>
  arbNewReturn().chain((base) => {
    const currency = MARKETPLACES[base.marketplace].currency;
    const returnless = RETURNLESS_STAGES.includes(stage) && base.returnless;
    const paid = totalPaid(base).amount;
    const viaLabel = !returnless && reached(stage, 'LABEL_ISSUED');
    return fc
      .record({
        label: arbLabel(currency),
        returnAddress: fc.option(arbReturnAddress(), { nil: undefined }),
        lastTracking: fc.constantFrom<string | undefined>(
          ...(stage === 'LABEL_ISSUED'
            ? [undefined, 'LABEL_CREATED']
            : stage === 'IN_TRANSIT'
              ? ['IN_TRANSIT', 'OUT_FOR_DELIVERY']
              : ['DELIVERED']),
        ),
        inspection: arbInspection(base.items.map((item) => item.sku)),
        refund: arbRefund(currency, paid, {
          ...(stage === 'REFUND_PENDING_APPROVAL' ? { requiresApproval: true } : {}),
        }),
        refundStatus: fc.constantFrom(
          ...(reached(stage, 'REFUNDED')
            ? (['COMPLETED'] as const)
            : (['SUBMITTED', 'IN_PROGRESS'] as const)),
        ),
        providerRef: arbIdentifier(),
        adjustments: fc.array(arbInventoryAdjustment(), { maxLength: 3 }),
      })
      .map(
        ({
          label,
          returnAddress,
          lastTracking,
          inspection,
          refund,
          refundStatus,
          providerRef,
          adjustments,
        }) => {
          const ret: Return = {
            ...base,
            status: stage,
            returnless,
            decision: { ...base.decision, returnless },
          };
          if (reached(stage, 'AUTHORIZED') && returnAddress) ret.returnAddress = returnAddress;
          if (viaLabel) {
            ret.label = label;
            ret.trackingNumber = label.trackingNumber;
            if (lastTracking !== undefined) ret.lastTrackingStatus = lastTracking;
          }
          if (viaLabel && reached(stage, 'INSPECTED')) ret.inspection = inspection;
          if (reached(stage, 'REFUND_PENDING_APPROVAL')) {
            ret.refund = {
              ...refund,
              status: stage === 'REFUND_PENDING_APPROVAL' ? 'SUBMITTED' : refundStatus,
              ...(reached(stage, 'REFUNDED') ? { providerRef } : {}),
            };
          }
          if (stage === 'COMPLETED') ret.inventoryAdjustments = adjustments;
          return ret;
        },
      );
  });

/** A refund no provider could pay, waiting for the seller to pay it by hand. */
const arbAwaitingPayout = (): fc.Arbitrary<Return> =>
  fc.tuple(arbReturnAtStage('REFUND_IN_PROGRESS'), arbIdentifier()).map(([ret, token]) => ({
    ...ret,
    status: 'REFUND_PENDING_PAYOUT',
    refund: { ...ret.refund!, status: 'IN_PROGRESS', method: 'MANUAL' },
    pipeline: { ...ret.pipeline, refundToken: token },
  }));

/** Resolved by REPLACE after its inspection: the replacement requested, its goods reserved. */
const arbReplacementPending = (): fc.Arbitrary<Return> =>
  arbReturnAtStage('INSPECTED').map((ret) => {
    const items = ret.items.map(({ sku, quantity }) => ({ sku, quantity }));
    return {
      ...ret,
      status: 'REPLACEMENT_PENDING',
      reason: 'DEFECTIVE',
      resolution: 'REPLACE',
      replacement: { status: 'REQUESTED', items, requestedAt: ret.updatedAt },
      inventoryAdjustments: items.map((item) => ({ ...item, reservation: 'RESERVED', at: ret.updatedAt })),
    };
  });

/** Adds concessions that fit in what is left after the refund. */
const withConcessions = (ret: Return): fc.Arbitrary<Return> => {
  const currency = MARKETPLACES[ret.marketplace].currency;
  const left = totalPaid(ret).amount - (ret.refund?.amount.amount ?? 0);
  return (
    fc
      .integer({ min: 0, max: 3 })
      .chain((count) => {
        // Each of `count` concessions gets an equal share of what is left, so their sum always fits.
        const budget = Math.floor(left / Math.max(1, count));
        return fc.tuple(...Array.from({ length: count }, () => arbConcession(currency, budget)));
      })
      // Concession ids are the payment provider's idempotency keys: unique within a return.
      .map((concessions) => ({
        ...ret,
        concessions: concessions.map((c, i) => ({ ...c, concessionId: `${c.concessionId}-${i}` })),
      }))
  );
};

const arbEndedReturn = (status: 'CLOSED' | 'CANCELLED'): fc.Arbitrary<Return> => {
  const from: readonly Stage[] =
    status === 'CANCELLED'
      ? ['AUTHORIZATION_REQUIRED', 'AUTHORIZED', 'LABEL_ISSUED']
      : HAPPY_PATH.filter((s) => s !== 'COMPLETED');
  return fc
    .constantFrom(...from)
    .chain((stage) => fc.tuple(arbReturnAtStage(stage), fc.constantFrom(...CLOSURE_REASONS), arbText()))
    .map(([ret, reason, comment]): Return => {
      if (status === 'CANCELLED') return { ...ret, status, cancellation: { comment } };
      // Past the label only a failed step (NEEDS_ATTENTION) or a rejected refund can close a return.
      const closure =
        ret.status === 'REFUND_PENDING_APPROVAL'
          ? { reason: 'REFUND_REJECTED' as const, comment }
          : { reason, comment };
      return { ...ret, status, closure };
    });
};

const arbNeedsAttention = (): fc.Arbitrary<Return> =>
  fc
    .constantFrom(...HAPPY_PATH.filter((s) => s !== 'COMPLETED'))
    .chain((stage) =>
      fc.tuple(arbReturnAtStage(stage), fc.constantFrom('IssueLabel', 'IssueRefund', 'Notify'), arbText()),
    )
    .map(([ret, step, error]): Return => ({
      ...ret,
      status: 'NEEDS_ATTENTION',
      attention: { step, error, resumeStatus: ret.status },
    }));

/** A return in `status`, shaped as the lifecycle would have left it. */
export const arbReturnIn = (status: Status): fc.Arbitrary<Return> => {
  const bare =
    status === 'CLOSED' || status === 'CANCELLED'
      ? arbEndedReturn(status)
      : status === 'NEEDS_ATTENTION'
        ? arbNeedsAttention()
        : status === 'REFUND_PENDING_PAYOUT'
          ? arbAwaitingPayout()
          : status === 'REPLACEMENT_PENDING'
            ? arbReplacementPending()
            : arbReturnAtStage(status);
  return bare.chain(withConcessions);
};

/** A return in any of `statuses` (all of them by default). */
export const arbReturn = (statuses: readonly Status[] = STATUSES): fc.Arbitrary<Return> =>
  fc.constantFrom(...statuses).chain(arbReturnIn);

// --- commands -------------------------------------------------------------------------------------------

type CommandArbitraries = {
  [T in LifecycleCommand['type']]: fc.Arbitrary<Extract<LifecycleCommand, { type: T }>>;
};

/**
 * One arbitrary per command type, with money in `currency` up to `maxAmount` minor units. Given the
 * return's SKUs, RECORD_INSPECTION mostly grades those and now and then a SKU from elsewhere (which the
 * lifecycle refuses); CONCESSION_STATUS names a random concession (arbReturnWithCommands aims it at the
 * return's own).
 */
export const arbCommandsByType = (
  currency: Currency,
  maxAmount = 500_000,
  skus: readonly string[] = [],
): CommandArbitraries => ({
  AUTHORIZE: fc.record(
    {
      type: fc.constant('AUTHORIZE'),
      returnless: fc.boolean(),
      returnAddress: arbReturnAddress(),
      resolution: fc.constantFrom('REFUND' as const, 'REPLACE' as const),
    },
    { requiredKeys: ['type'] },
  ),
  CLOSE: fc.record(
    { type: fc.constant('CLOSE'), reason: fc.constantFrom(...CLOSURE_REASONS), comment: arbText() },
    { requiredKeys: ['type', 'reason'] },
  ),
  CANCEL: fc.record({ type: fc.constant('CANCEL'), comment: arbText() }, { requiredKeys: ['type'] }),
  ISSUE_LABEL: fc.record(
    { type: fc.constant('ISSUE_LABEL'), label: arbLabel(currency), taskToken: arbIdentifier() },
    { requiredKeys: ['type'] },
  ),
  ORDER_LABEL: fc.record({
    type: fc.constant('ORDER_LABEL'),
    order: fc.record({ provider: fc.constant('easypost' as const), shipmentId: arbIdentifier() }),
  }),
  VOID_LABEL: fc.record({
    type: fc.constant('VOID_LABEL'),
    void: fc.record({
      status: fc.constantFrom(
        'SUBMITTED' as const,
        'REFUNDED' as const,
        'REJECTED' as const,
        'FAILED' as const,
      ),
      at: arbIsoDateTime(),
      attempts: fc.integer({ min: 1, max: 5 }),
    }),
  }),
  TRACKING_EVENT: fc.record({
    type: fc.constant('TRACKING_EVENT'),
    status: fc.constantFrom(...TRACKING_STATUSES),
    eventId: arbIdentifier(),
    occurredAt: arbIsoDateTime(),
  }),
  CLOSE_UNSHIPPED: fc.constant({ type: 'CLOSE_UNSHIPPED' }),
  AWAIT_INSPECTION: fc.record({ type: fc.constant('AWAIT_INSPECTION'), taskToken: arbIdentifier() }),
  RECORD_INSPECTION: fc.record({
    type: fc.constant('RECORD_INSPECTION'),
    inspection:
      skus.length > 0
        ? fc.oneof({ arbitrary: arbInspection(skus), weight: 4 }, { arbitrary: arbInspection(), weight: 1 })
        : arbInspection(),
  }),
  COMPUTE_REFUND: fc.record(
    {
      type: fc.constant('COMPUTE_REFUND'),
      refund: arbRefund(currency, maxAmount),
      taskToken: arbIdentifier(),
    },
    { requiredKeys: ['type'] },
  ),
  APPROVE_REFUND: fc.constant({ type: 'APPROVE_REFUND' }),
  REJECT_REFUND: fc.record({ type: fc.constant('REJECT_REFUND'), reason: arbText() }),
  ISSUE_REFUND: fc.record(
    {
      type: fc.constant('ISSUE_REFUND'),
      status: fc.constantFrom(...REFUND_STATUSES),
      providerRef: arbIdentifier(),
      error: arbText(),
    },
    { requiredKeys: ['type', 'status'] },
  ),
  AWAIT_PAYOUT: fc.record({ type: fc.constant('AWAIT_PAYOUT'), taskToken: arbIdentifier() }),
  MARK_PAID: fc.record({
    type: fc.constant('MARK_PAID'),
    reference: arbIdentifier(),
    paidAt: fc.constant('2026-11-20T10:00:00.000Z'),
  }),
  REFUND_EVENT: fc.record(
    {
      type: fc.constant('REFUND_EVENT'),
      eventId: arbIdentifier(),
      paymentKey: arbIdentifier(),
      providerRef: arbIdentifier(),
      status: fc.constantFrom('IN_PROGRESS', 'COMPLETED', 'FAILED'),
      failureReason: arbText(),
    },
    { requiredKeys: ['type', 'eventId', 'paymentKey', 'providerRef', 'status'] },
  ),
  REFUND_REMINDER: fc.constant({ type: 'REFUND_REMINDER' }),
  APPLY_DISPOSITION: fc.record({
    type: fc.constant('APPLY_DISPOSITION'),
    adjustments: fc.array(arbInventoryAdjustment(), { maxLength: 3 }),
  }),
  REQUEST_REPLACEMENT: fc.constant({ type: 'REQUEST_REPLACEMENT' }),
  SHIP_REPLACEMENT: fc.record({
    type: fc.constant('SHIP_REPLACEMENT'),
    carrier: fc.constantFrom('ups', 'DHL Express'),
    trackingNumber: arbIdentifier().map((id) => `TRK-${id}`),
  }),
  REFUND_INSTEAD: fc.record(
    { type: fc.constant('REFUND_INSTEAD'), refund: arbRefund(currency, maxAmount), reason: arbText() },
    { requiredKeys: ['type', 'refund'] },
  ),
  RECORD_STEP_FAILURE: fc.record({
    type: fc.constant('RECORD_STEP_FAILURE'),
    step: fc.constantFrom('IssueLabel', 'IssueRefund', 'Notify'),
    error: arbText(),
  }),
  RETRY: fc.constant({ type: 'RETRY' }),
  REMIND_DEADLINE: fc.record({
    type: fc.constant('REMIND_DEADLINE'),
    rule: fc.constantFrom('AMAZON_AUTHORIZATION_24_HOURS', 'AMAZON_REFUND_2_BUSINESS_DAYS'),
    dueAt: arbIsoDateTime(),
  }),
  MARK_OVERDUE: fc.record({
    type: fc.constant('MARK_OVERDUE'),
    rule: fc.constantFrom('AMAZON_AUTHORIZATION_24_HOURS', 'AMAZON_REFUND_2_BUSINESS_DAYS'),
    dueAt: arbIsoDateTime(),
  }),
  ADD_CONCESSION: fc.record({
    type: fc.constant('ADD_CONCESSION'),
    concession: arbConcession(currency, maxAmount),
  }),
  CONCESSION_STATUS: fc.record(
    {
      type: fc.constant('CONCESSION_STATUS'),
      concessionId: arbIdentifier().map((id) => `cn-${id}`),
      status: fc.constantFrom(...REFUND_STATUSES),
      providerRef: arbIdentifier(),
      error: arbText(),
    },
    { requiredKeys: ['type', 'concessionId', 'status'] },
  ),
  POST_MESSAGE: fc.record({
    type: fc.constant('POST_MESSAGE'),
    message: fc.record(
      {
        messageId: arbIdentifier(),
        from: fc.constantFrom('SELLER' as const, 'BUYER' as const),
        body: arbText(),
        at: arbIsoDateTime(),
        via: fc.constantFrom('API' as const, 'REPLY_LINK' as const),
        replyTo: arbIdentifier(),
      },
      { requiredKeys: ['messageId', 'from', 'body', 'at', 'via'] },
    ),
  }),
  MAKE_OFFER: fc.record({
    type: fc.constant('MAKE_OFFER'),
    offer: fc.record({
      offerId: arbIdentifier().map((id) => `offer-${id}`),
      amount: fc.integer({ min: 1, max: maxAmount }).map((amount) => ({ amount, currency })),
      keepItem: fc.boolean(),
      message: arbText(),
      status: fc.constant('OPEN' as const),
      createdAt: arbIsoDateTime(),
      expiresAt: arbIsoDateTime(),
      linkNonce: arbIdentifier(),
    }),
  }),
  WITHDRAW_OFFER: fc.record({
    type: fc.constant('WITHDRAW_OFFER'),
    offerId: arbIdentifier().map((id) => `offer-${id}`),
  }),
  ACCEPT_OFFER: fc.record({
    type: fc.constant('ACCEPT_OFFER'),
    offerId: arbIdentifier().map((id) => `offer-${id}`),
    via: fc.constantFrom('LINK' as const, 'API' as const),
  }),
  DECLINE_OFFER: fc.record({
    type: fc.constant('DECLINE_OFFER'),
    offerId: arbIdentifier().map((id) => `offer-${id}`),
    via: fc.constantFrom('LINK' as const, 'API' as const),
  }),
  EXPIRE_OFFER: fc.record({
    type: fc.constant('EXPIRE_OFFER'),
    offerId: arbIdentifier().map((id) => `offer-${id}`),
  }),
});

/** Commands that end a return; drawn less often so that random sequences get further along. */
const ENDING: ReadonlySet<LifecycleCommand['type']> = new Set([
  'CLOSE',
  'CANCEL',
  'CLOSE_UNSHIPPED',
  'REJECT_REFUND',
]);

/**
 * Any lifecycle command, with money in `currency` up to `maxAmount` minor units (pass a bit more than
 * the return's total paid to exercise the cap).
 */
export const arbCommand = (
  currency: Currency,
  maxAmount = 500_000,
  skus: readonly string[] = [],
): fc.Arbitrary<LifecycleCommand> =>
  fc.oneof(
    ...Object.entries(arbCommandsByType(currency, maxAmount, skus)).map(([type, arbitrary]) => ({
      arbitrary: arbitrary as fc.Arbitrary<LifecycleCommand>,
      weight: ENDING.has(type as LifecycleCommand['type']) ? 1 : 4,
    })),
  );

/** A return together with a sequence of commands in its currency, some legal there and some not. */
export const arbReturnWithCommands = (
  statuses: readonly Status[] = STATUSES,
  maxCommands = 25,
): fc.Arbitrary<{ ret: Return; commands: LifecycleCommand[] }> =>
  arbReturn(statuses).chain((ret) => {
    const currency = MARKETPLACES[ret.marketplace].currency;
    const maxAmount = Math.ceil(totalPaid(ret).amount * 1.25) + 1;
    const skus = ret.items.map((item) => item.sku);
    return fc
      .tuple(
        fc.array(arbCommand(currency, maxAmount, skus), {
          minLength: Math.min(5, maxCommands),
          maxLength: maxCommands,
        }),
        fc.array(fc.nat(), { minLength: maxCommands, maxLength: maxCommands }),
      )
      .map(([commands, picks]) => ({ ret, commands: aimConcessionStatuses(ret, commands, picks) }));
  });

/**
 * Points most CONCESSION_STATUS commands at a concession the return has (or that an earlier
 * ADD_CONCESSION in the sequence adds), FAILED ones included (reviving one must still fit under what
 * was paid); every fifth pick keeps its random id, which the lifecycle refuses.
 */
const aimConcessionStatuses = (
  ret: Return,
  commands: LifecycleCommand[],
  picks: readonly number[],
): LifecycleCommand[] => {
  const ids = ret.concessions.map((c) => c.concessionId);
  return commands.map((command, i) => {
    if (command.type === 'ADD_CONCESSION') {
      ids.push(command.concession.concessionId);
      return command;
    }
    if (command.type !== 'CONCESSION_STATUS') return command;
    const pick = picks[i] ?? 0;
    const target = pick % 5 === 0 || ids.length === 0 ? command.concessionId : ids[pick % ids.length];
    return { ...command, concessionId: target ?? command.concessionId };
  });
};

// --- helpers --------------------------------------------------------------------------------------------

/** Freezes a value and everything it holds, so any mutation throws (ES modules run in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
