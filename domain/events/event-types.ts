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
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
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
