import * as z from '../zod.js';

/**
 * Every event a return's changes yield (docs/design.md §14), by name. A webhook endpoint subscribes to
 * names or to `prefix.*` patterns of them.
 */
export const EVENT_TYPES = [
  'return.created',
  'return.authorized',
  'return.closed',
  'return.cancelled',
  'return.label_issued',
  'return.in_transit',
  'return.delivered',
  'return.inspected',
  'refund.pending_approval',
  'refund.completed',
  'refund.failed',
  'concession.paid',
  'inventory.adjusted',
  'return.needs_attention',
  'return.completed',
  'refund.pending_payout',
  'refund.payout_reminder',
  'return.label_voided',
  'return.deadline_reminder',
  'return.overdue',
  'replacement.requested',
  'replacement.shipped',
  'replacement.refunded_instead',
  'offer.made',
  'offer.accepted',
  'offer.declined',
  'offer.withdrawn',
  'offer.expired',
  'message.posted',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);

/**
 * When each event happens: the contract's words for it (the OpenAPI document's `webhooks` section shows
 * them). `data.change` is the timeline entry that made it; `data.return` the return at that version.
 */
export const EVENT_DESCRIPTIONS: Readonly<Record<(typeof EVENT_TYPES)[number], string>> = {
  'return.created': 'A return request was opened (change CREATED, with the policy decision).',
  'return.authorized': 'The seller or the policy authorized the request (AUTHORIZE).',
  'return.closed':
    'The request was closed: by the seller (CLOSE), because the buyer never shipped (CLOSE_UNSHIPPED), or because the seller rejected the refund (REJECT_REFUND).',
  'return.cancelled': 'The buyer withdrew the request (CANCEL).',
  'return.label_issued': 'A prepaid return label was bought; `data.return.label` has it (ISSUE_LABEL).',
  'return.in_transit': 'The carrier has the parcel (TRACKING_EVENT).',
  'return.delivered': 'The parcel reached the seller (TRACKING_EVENT).',
  'return.inspected': 'The warehouse graded the lines and chose a disposition (RECORD_INSPECTION).',
  'refund.pending_approval':
    'The refund is above the high-value threshold and waits for a person (COMPUTE_REFUND).',
  'refund.completed':
    'The refund was paid: by the payment provider (ISSUE_REFUND, or its later REFUND_EVENT) or by hand (MARK_PAID, with the payout reference).',
  'refund.failed':
    'The payment provider declined or failed the refund, also after it had succeeded (ISSUE_REFUND, REFUND_EVENT); the return needs attention.',
  'refund.pending_payout':
    'No payment connection can pay the refund: the seller pays it by hand and marks it paid (AWAIT_PAYOUT).',
  'refund.payout_reminder': 'A refund owed by hand has waited two business days (REFUND_REMINDER).',
  'concession.paid': 'A goodwill credit was paid (ADD_CONCESSION, CONCESSION_STATUS).',
  'inventory.adjusted': "The returned lines' stock moves were recorded (APPLY_DISPOSITION).",
  'return.needs_attention': 'A step failed after its retries, or the refund failed: a person must act.',
  'return.completed': 'The return is done: refunded and its disposition applied (APPLY_DISPOSITION).',
  'return.label_voided':
    'An unused label of a closed or cancelled return was given back to the provider (VOID_LABEL); `data.return.label.void` says how far.',
  'return.deadline_reminder':
    "The seller's next deadline on the return comes soon (REMIND_DEADLINE); `data.return.nextDeadline` has the rule.",
  'return.overdue': "The seller's deadline on the return passed (MARK_OVERDUE).",
  'replacement.requested':
    'The return is resolved by sending the goods again: `data.return.replacement` lists the SKUs and quantities, reserved (REQUEST_REPLACEMENT).',
  'replacement.shipped':
    'The seller shipped the replacement; the return is complete (SHIP_REPLACEMENT, with its carrier and tracking number).',
  'replacement.refunded_instead':
    'The replacement could not be sent: its reservation is released and the refund is paid instead (REFUND_INSTEAD).',
  'offer.made':
    'The seller offered the buyer a partial refund, keeping the item or not (MAKE_OFFER, with the offer id, amount and expiry).',
  'offer.accepted':
    'The buyer accepted the offer, from the mail or through the storefront; it replaces the computed refund (ACCEPT_OFFER).',
  'offer.declined': 'The buyer declined the offer; the return goes on where it was (DECLINE_OFFER).',
  'offer.withdrawn': 'The seller withdrew the offer before it was answered (WITHDRAW_OFFER).',
  'offer.expired': 'The offer ran out unanswered (EXPIRE_OFFER).',
  'message.posted':
    "A message was added to the return's thread, by the seller or the buyer (POST_MESSAGE; `data.change.data` names it, the text is read from GET /v1/returns/{id}/messages).",
};
export type EventType = z.infer<typeof EventTypeSchema>;

/** What an endpoint subscribes to: an event name, `prefix.*`, or `*` for all. */
export const EventPatternSchema = z
  .string()
  .check(
    z.refine(
      (pattern) =>
        pattern === '*' ||
        (EVENT_TYPES as readonly string[]).includes(pattern) ||
        (pattern.endsWith('.*') && EVENT_TYPES.some((type) => type.startsWith(pattern.slice(0, -1)))),
      { message: `must be an event name (${EVENT_TYPES.join(', ')}), a prefix such as "return.*", or "*"` },
    ),
  );

/** Whether an event of `type` matches any of the patterns. */
export const matchesPatterns = (type: string, patterns: readonly string[]): boolean =>
  patterns.some(
    (pattern) =>
      pattern === '*' ||
      pattern === type ||
      (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))),
  );
