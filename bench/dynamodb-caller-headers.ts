/**
 * The headers the cost probe (bench/cost-probe.ts) adds to a DynamoDB request to say who made it, and
 * the counting proxy (bench/dynamodb-counting-proxy.ts) reads and strips.
 */
/** The function (handler module under functions/) that was running. */
export const CALLER_HEADER = 'x-cost-caller';
/** The project's frames that led to the call, innermost first, joined by `STACK_SEPARATOR`. */
export const STACK_HEADER = 'x-cost-stack';
export const STACK_SEPARATOR = ' < ';
