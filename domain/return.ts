import * as z from './zod.js';
import { MoneySchema } from './money.js';
import { CreateReturnSchema, text } from './return-request.js';
import { InspectionSchema, DispositionSchema, GradeSchema } from './inspection.js';
import { RefundSchema } from './refund.js';
import { ReturnAddressSchema } from './policy.js';
import { EligibilityDecisionSchema } from './eligibility-decision.js';
import { DeadlineSchema } from './deadlines/deadline.js';
import { ReplacementSchema, ReservationAdjustmentSchema, ResolutionSchema } from './replacement.js';
import { MessageSchema, OfferSchema } from './conversation.js';

/** The statuses a return passes through, in order, when nothing goes wrong. */
export const HAPPY_PATH = [
  'AUTHORIZATION_REQUIRED',
  'AUTHORIZED',
  'LABEL_ISSUED',
  'IN_TRANSIT',
  'DELIVERED',
  'INSPECTED',
  'REFUND_PENDING_APPROVAL',
  'REFUND_IN_PROGRESS',
  'REFUNDED',
  'COMPLETED',
] as const;

/**
 * Besides the happy path: a refund no provider can pay waits in REFUND_PENDING_PAYOUT (between
 * REFUND_IN_PROGRESS and REFUNDED) for the seller to pay it by hand; a return resolved by a replacement
 * waits in REPLACEMENT_PENDING (where a refund would be paid) until the replacement ships; and the ends.
 */
export const STATUSES = [
  ...HAPPY_PATH,
  'REFUND_PENDING_PAYOUT',
  'REPLACEMENT_PENDING',
  'CLOSED',
  'CANCELLED',
  'NEEDS_ATTENTION',
] as const;
export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

/** No command moves a return out of these. */
export const TERMINAL_STATUSES: readonly Status[] = ['COMPLETED', 'CLOSED', 'CANCELLED'];

export const CLOSURE_REASONS = [
  'REFUND_WITHOUT_RETURN',
  'OUTSIDE_RETURN_WINDOW',
  'OUTSIDE_POLICY',
  'BUYER_DID_NOT_SHIP',
  'REFUND_REJECTED',
  'OTHER',
] as const;
export const ClosureReasonSchema = z.enum(CLOSURE_REASONS);
export type ClosureReason = z.infer<typeof ClosureReasonSchema>;

export const ActorSchema = z.object({
  kind: z.enum(['seller', 'buyer', 'system', 'carrier', 'warehouse', 'policy']),
  id: z.optional(z.string()),
});
export type Actor = z.infer<typeof ActorSchema>;

export const TimelineEntrySchema = z.object({
  at: z.string(),
  /** The command or event that caused the entry, e.g. AUTHORIZE or TRACKING_EVENT. */
  type: z.string(),
  from: StatusSchema,
  to: StatusSchema,
  actor: ActorSchema,
  /** Why, in words: a closure reason, a comment, an error. */
  note: z.optional(z.string()),
  data: z.optional(z.record(z.string(), z.unknown())),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** What became of voiding an unused label: the provider's word, or FAILED after our retries (a person looks). */
export const LabelVoidSchema = z.object({
  status: z.enum(['SUBMITTED', 'REFUNDED', 'REJECTED', 'FAILED']),
  at: z.string(),
  attempts: z.number().check(z.int()),
  error: z.optional(z.string()),
});
export type LabelVoid = z.infer<typeof LabelVoidSchema>;

/** A label purchase begun with a provider that has no idempotency key: its shipment, bought at most once. */
export const LabelOrderSchema = z.object({ provider: z.literal('easypost'), shipmentId: z.string() });
export type LabelOrder = z.infer<typeof LabelOrderSchema>;

export const LabelSchema = z.object({
  /** The carrier that carries the parcel (ups, fedex, usps, generic), whoever sold the label. */
  carrier: z.string(),
  trackingNumber: z.string(),
  labelUrl: z.string(),
  shipBy: z.string(),
  /** Who bears the return freight. */
  paidBy: z.enum(['SELLER', 'BUYER']),
  returnAddress: ReturnAddressSchema,
  cost: z.optional(MoneySchema),
  /** Set when a label provider sold it (EasyPost), with its shipment and the carrier's service. */
  provider: z.optional(LabelOrderSchema.shape.provider),
  shipmentId: z.optional(z.string()),
  service: z.optional(z.string()),
  void: z.optional(LabelVoidSchema),
});
export type Label = z.infer<typeof LabelSchema>;

export const ConcessionSchema = z.object({
  concessionId: z.string(),
  amount: MoneySchema,
  reason: text(500),
  status: RefundSchema.shape.status,
  at: z.string(),
  /** The payment provider's reference, once it has paid. */
  providerRef: z.optional(z.string()),
});
export type Concession = z.infer<typeof ConcessionSchema>;

export const DispositionAdjustmentSchema = z.object({
  sku: z.string(),
  quantity: z.number().check(z.int()),
  disposition: DispositionSchema,
  /** The inspection grade that decided the disposition; absent when the buyer kept the item. */
  grade: z.optional(GradeSchema),
  /** Why this disposition, when it is not the one the seller chose. */
  note: z.optional(z.string()),
  at: z.string(),
});
export type DispositionAdjustment = z.infer<typeof DispositionAdjustmentSchema>;

/** A stock movement: a returned line's disposition, or a replacement's reservation (domain/replacement.ts). */
export const InventoryAdjustmentSchema = z.union([DispositionAdjustmentSchema, ReservationAdjustmentSchema]);
export type InventoryAdjustment = z.infer<typeof InventoryAdjustmentSchema>;

/**
 * One domain event as it waits in the return's outbox (docs/design.md §14): the envelope, and its data as
 * `domain/events/return-event.ts` defines it for the contract (kept loose here, where the aggregate is
 * defined, so the event schema may build on the aggregate's parts).
 */
export const OutboxEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  returnId: z.string(),
  /** The return's version the change wrote. */
  version: z.number().check(z.int()),
  /** 1, 2, 3, ... per return: the order every consumer sees a return's events in. */
  sequence: z.number().check(z.int()),
  occurredAt: z.string(),
  data: z.object({
    /**
     * The return at the event's version (`ReturnEventSnapshotSchema`). Absent while that version is the
     * stored return's own, which is then the snapshot; the write that moves past it fills it in
     * (domain/events/event-snapshot.ts).
     */
    return: z.optional(z.record(z.string(), z.unknown())),
    /** The timeline entry that made it (`ReturnEventChangeSchema`). */
    change: z.record(z.string(), z.unknown()),
  }),
});
export type OutboxEvent = z.infer<typeof OutboxEventSchema>;

/**
 * The transactional outbox: the events a write produced ride on the return item in that same write, and
 * stay until the dispatcher has handed each on and removed it (another conditional write; `drains` counts
 * those, so a writer that read the outbox before a drain cannot put the drained events back).
 */
export const OutboxSchema = z.object({
  lastSequence: z.number().check(z.int()),
  drains: z.number().check(z.int()),
  pending: z.array(OutboxEventSchema),
});
export type Outbox = z.infer<typeof OutboxSchema>;

/** The return aggregate: the request as created, where it stands, and everything that happened to it. */
export const ReturnSchema = z.object({
  id: z.string(),
  sellerId: z.string(),
  rma: z.string(),
  ...CreateReturnSchema.shape,
  status: StatusSchema,
  decision: EligibilityDecisionSchema,
  returnless: z.boolean(),
  /** How the seller resolves it when authorizing (REFUND when absent); the inspection's own word overrides it. */
  resolution: z.optional(ResolutionSchema),
  /** Set when the return is resolved by sending the goods again. */
  replacement: z.optional(ReplacementSchema),
  closure: z.optional(z.object({ reason: ClosureReasonSchema, comment: z.optional(text(2000)) })),
  cancellation: z.optional(z.object({ comment: z.optional(text(2000)) })),
  returnAddress: z.optional(ReturnAddressSchema),
  label: z.optional(LabelSchema),
  /** The shipment a label is being bought on, recorded before it is bought (see IssueLabel). */
  labelOrder: z.optional(LabelOrderSchema),
  trackingNumber: z.optional(z.string()),
  /** The last carrier status applied, so late events never move a return backwards. */
  lastTrackingStatus: z.optional(z.string()),
  inspection: z.optional(InspectionSchema),
  refund: z.optional(RefundSchema),
  concessions: z.array(ConcessionSchema),
  inventoryAdjustments: z.array(InventoryAdjustmentSchema),
  /** The thread with the buyer, oldest first (conversation.ts); absent until the first message. */
  messages: z.optional(z.array(MessageSchema)),
  /** The seller's partial-refund offers, oldest first, at most one OPEN; absent until the first. */
  offers: z.optional(z.array(OfferSchema)),
  /**
   * Pipeline bookkeeping: the task tokens of the run's waits, one field each, so that resuming one wait
   * (a carrier resending DELIVERED) can never complete another. `taskToken` is the carrier wait's.
   */
  pipeline: z.optional(
    z.object({
      taskToken: z.optional(z.string()),
      inspectionToken: z.optional(z.string()),
      approvalToken: z.optional(z.string()),
      /** IssueRefund's, while a refund settles at the provider or waits for a manual payout. */
      refundToken: z.optional(z.string()),
    }),
  ),
  /** Set while in NEEDS_ATTENTION: which step failed, with what, and where a retry resumes. */
  attention: z.optional(z.object({ step: z.string(), error: z.string(), resumeStatus: StatusSchema })),
  /** What the seller must do next, by when and by which rule; worked out on every write (domain/deadlines). */
  nextDeadline: z.optional(DeadlineSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Optimistic-locking version: every write is conditional on it. */
  version: z.number().check(z.int()),
  timeline: z.array(TimelineEntrySchema),
  /** Events written with the change that made them, not yet dispatched (internal; never in a view). */
  outbox: z.optional(OutboxSchema),
  /** How many of the oldest timeline entries were dropped to keep the return within its size budget. */
  timelineDropped: z.optional(z.number().check(z.int())),
});
export type Return = z.infer<typeof ReturnSchema>;
