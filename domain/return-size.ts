/**
 * A return is one DynamoDB item (docs/design.md §6), and DynamoDB refuses an item over 400 KB. Each part
 * of a return has a share of that, so whatever happens to a return, the rest of its lifecycle still fits:
 *
 * | part                                                         | at most | bounded by                     |
 * | ------------------------------------------------------------ | ------- | ------------------------------ |
 * | the create request as stored                                 | 88 KB   | REQUEST_BUDGET_BYTES (edge)    |
 * | the inspection                                               | 24 KB   | INSPECTION_BUDGET_BYTES (edge) |
 * | concessions                                                  | 40 KB   | MAX_CONCESSIONS, their reasons |
 * | refund breakdown, adjustments, label, tokens, closure, error | 100 KB  | MAX_LINES and text limits      |
 * | the timeline kept inline                                     | 60 KB   | TIMELINE_BUDGET_BYTES          |
 * | the message thread with the buyer                            | 24 KB   | MESSAGES_BUDGET_BYTES          |
 * | offers (at most 5, each with a 500-character note)           | 20 KB   | MAX_OFFERS, their notes        |
 * | the outbox: events not yet dispatched                        | 40 KB   | OUTBOX_BUDGET_BYTES            |
 * | headroom for fields added later                              | 4 KB    | HEADROOM_BYTES                 |
 *
 * Sizes are counted as UTF-8 JSON, which is never smaller than what DynamoDB counts for the same data
 * but for a byte or two per number; test/domain/return-size-budget.test.ts checks the worst case of
 * every part together with DynamoDB's own rules.
 */
export const ITEM_LIMIT_BYTES = 400 * 1024;
export const HEADROOM_BYTES = 4 * 1024;
export const REQUEST_BUDGET_BYTES = 88 * 1024;
export const INSPECTION_BUDGET_BYTES = 24 * 1024;
export const TIMELINE_BUDGET_BYTES = 60 * 1024;
/** Past it a change is refused (OutboxFullError) rather than written without its events. */
export const OUTBOX_BUDGET_BYTES = 40 * 1024;
/** A full thread refuses the next message (it is a conversation: nothing is dropped from it). */
export const MESSAGES_BUDGET_BYTES = 24 * 1024;
export const MAX_CONCESSIONS = 20;

const encoder = new TextEncoder();

/** The UTF-8 bytes of a value's JSON. */
export const jsonBytes = (value: unknown): number => encoder.encode(JSON.stringify(value)).byteLength;

/** A zod check's words for a part over its budget. */
export const budgetRule = (what: string, budget: number): string =>
  `${what} must be at most ${budget / 1024} KB as UTF-8 JSON, its share of the return's 400 KB item`;

/** An error's words, as the return keeps them: errors come from anywhere, a return's size is budgeted. */
const MAX_ERROR_LENGTH = 1000;
export const clip = (error: string): string =>
  error.length <= MAX_ERROR_LENGTH ? error : `${error.slice(0, MAX_ERROR_LENGTH - 1)}…`;
