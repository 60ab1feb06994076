import * as z from '../../../domain/zod.js';
import { StoredPolicySchema } from '../../../domain/policy.js';
import { ConcessionSchema, StatusSchema, TimelineEntrySchema } from '../../../domain/return.js';
import { INTEGRATION_PROVIDERS } from '../../../domain/integrations.js';
import { ReturnAnalyticsSchema } from '../../../domain/return-analytics.js';
import { ProblemSchema } from '../http/problem.js';
import { ReturnViewSchema } from '../return-view.js';
import {
  MessageThreadSchema,
  MessageViewSchema,
  OfferMadeSchema,
} from '../conversation/conversation-views.js';
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
/** The mails a return caused, as the notification ledger records them once sent: never their bodies. */
export const ReturnNotificationsSchema = z.object({
  id: z.string(),
  items: z.array(
    z.object({
      /** The notification's kind, e.g. RETURN_CLOSED, REFUND_ISSUED, REFUND_APPROVAL_REQUIRED. */
      kind: z.string(),
      recipient: z.enum(['buyer', 'seller']),
      /** The language the mail was written in. */
      locale: z.string(),
      subject: z.string(),
      sentAt: z.string(),
    }),
  ),
});
export const ConcessionPaidSchema = z.object({ concession: ConcessionSchema, return: ReturnViewSchema });
export const PolicyListSchema = z.object({ items: z.array(StoredPolicySchema) });
export const CarrierEventTakenSchema = z.object({
  /** `ignored`: the return cannot take the event (it is past it); the carrier need not resend it. */
  status: z.enum(['accepted', 'duplicate', 'ignored']),
  returnId: z.string(),
});
export const StripeEventTakenSchema = z.object({
  /** Every answer to Stripe is a 200 unless the signature fails: `ignored`, `duplicate` and `unknown` change nothing. */
  status: z.enum(['accepted', 'duplicate', 'ignored', 'unknown']),
  returnId: z.optional(z.string()),
});
export const UnknownTrackingNumberSchema = z.object({ status: z.literal('unknown-tracking-number') });
/** A seller's connection as shown: `provider`, `connectionId`, `webhookUrl`, dates, and its settings. */
export const ConnectionViewSchema = z.looseObject({
  provider: z.enum(INTEGRATION_PROVIDERS),
  connectionId: z.string(),
  /** `test` or `live` (Stripe keys), `connect` (a Stripe account), `test` or `production` (EasyPost). */
  mode: z.string(),
  /** Register this URL with the provider: its webhooks are verified with this connection's secret. */
  webhookUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
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
  ReturnNotifications: ReturnNotificationsSchema,
  TimelineEntry: TimelineEntrySchema,
  Concession: ConcessionSchema,
  ConcessionPaid: ConcessionPaidSchema,
  Policy: StoredPolicySchema,
  PolicyList: PolicyListSchema,
  CarrierEventTaken: CarrierEventTakenSchema,
  UnknownTrackingNumber: UnknownTrackingNumberSchema,
  StripeEventTaken: StripeEventTakenSchema,
  Connection: ConnectionViewSchema,
  ReturnAnalytics: ReturnAnalyticsSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  Problem: ProblemSchema,
  Message: MessageViewSchema,
  MessageThread: MessageThreadSchema,
  OfferMade: OfferMadeSchema,
  ...WEBHOOK_COMPONENTS,
};
