import * as z from '../zod.js';
import { InspectionSchema } from '../inspection.js';
import { RefundSchema } from '../refund.js';
import {
  ClosureReasonSchema,
  ConcessionSchema,
  InventoryAdjustmentSchema,
  LabelSchema,
  ReturnSchema,
  StatusSchema,
  TimelineEntrySchema,
} from '../return.js';
import { DeadlineSchema } from '../deadlines/deadline.js';
import { EventTypeSchema } from './event-types.js';

/**
 * The return as an event shows it: a documented subset of its public view, what every consumer of the
 * events needs to act (status, label, inspection, refund, credits, stock moves, the next deadline),
 * without the lines, the buyer and the policy decision, which `GET /v1/returns/{id}` serves. A snapshot at the event's version.
 */
export const ReturnEventSnapshotSchema = z.object({
  id: z.string(),
  rma: z.string(),
  orderId: ReturnSchema.shape.orderId,
  marketplace: ReturnSchema.shape.marketplace,
  reason: ReturnSchema.shape.reason,
  status: StatusSchema,
  returnless: z.boolean(),
  trackingNumber: z.optional(z.string()),
  label: z.optional(LabelSchema),
  inspection: z.optional(InspectionSchema),
  refund: z.optional(RefundSchema),
  resolution: ReturnSchema.shape.resolution,
  replacement: ReturnSchema.shape.replacement,
  closure: z.optional(z.object({ reason: ClosureReasonSchema, comment: z.optional(z.string()) })),
  cancellation: z.optional(z.object({ comment: z.optional(z.string()) })),
  concessions: z.array(ConcessionSchema),
  inventoryAdjustments: z.array(InventoryAdjustmentSchema),
  attention: z.optional(z.object({ step: z.string(), error: z.string() })),
  /** What the seller must do next, by when and by which rule (domain/deadlines). */
  nextDeadline: z.optional(DeadlineSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().check(z.int()),
});
export type ReturnEventSnapshot = z.infer<typeof ReturnEventSnapshotSchema>;

/** The change that yielded the event: the return's timeline entry, less its time (the event's `occurredAt`). */
export const ReturnEventChangeSchema = z.omit(TimelineEntrySchema, { at: true });

/**
 * One event as every consumer receives it (a webhook's body, an EventBridge entry's detail, an item of
 * `GET /v1/events`). `id` is stable across every retry and every channel, so receivers de-duplicate on
 * it; `sequence` orders one return's events.
 */
export const ReturnEventSchema = z.object({
  id: z.string(),
  type: EventTypeSchema,
  returnId: z.string(),
  version: z.number().check(z.int()),
  sequence: z.number().check(z.int()),
  occurredAt: z.string(),
  data: z.object({ return: ReturnEventSnapshotSchema, change: ReturnEventChangeSchema }),
});
export type ReturnEvent = z.infer<typeof ReturnEventSchema>;
