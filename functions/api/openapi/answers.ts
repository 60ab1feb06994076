import * as z from '../../../domain/zod.js';
import { StoredPolicySchema } from '../../../domain/policy.js';
import { ConcessionSchema, StatusSchema, TimelineEntrySchema } from '../../../domain/return.js';
import { ProblemSchema } from '../http/problem.js';
import { ReturnViewSchema } from '../return-view.js';
import { WEBHOOK_COMPONENTS } from './webhook-operations.js';

/** The bodies the API answers with, as the handlers build them. */
export const ReturnPageSchema = z.object({
  items: z.array(ReturnViewSchema),
  /** Absent on the last page. */
  cursor: z.optional(z.string()),
});
export const ReturnEventsSchema = z.object({
  id: z.string(),
  status: StatusSchema,
  items: z.array(TimelineEntrySchema),
});
export const ConcessionPaidSchema = z.object({ concession: ConcessionSchema, return: ReturnViewSchema });
export const PolicyListSchema = z.object({ items: z.array(StoredPolicySchema) });
export const CarrierEventTakenSchema = z.object({
  /** `ignored`: the return cannot take the event (it is past it); the carrier need not resend it. */
  status: z.enum(['accepted', 'duplicate', 'ignored']),
  returnId: z.string(),
});
export const UnknownTrackingNumberSchema = z.object({ status: z.literal('unknown-tracking-number') });
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

/** Answer schemas by component name: the document refers to each by this name. */
export const ANSWER_COMPONENTS = {
  Return: ReturnViewSchema,
  ReturnPage: ReturnPageSchema,
  ReturnEvents: ReturnEventsSchema,
  TimelineEntry: TimelineEntrySchema,
  Concession: ConcessionSchema,
  ConcessionPaid: ConcessionPaidSchema,
  Policy: StoredPolicySchema,
  PolicyList: PolicyListSchema,
  CarrierEventTaken: CarrierEventTakenSchema,
  UnknownTrackingNumber: UnknownTrackingNumberSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  Problem: ProblemSchema,
  ...WEBHOOK_COMPONENTS,
};
