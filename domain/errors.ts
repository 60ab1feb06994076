/**
 * Typed domain errors. The HTTP edge maps each kind to a status and a problem type once, by class,
 * never by matching names or messages.
 */
export interface FieldIssue {
  /** JSON-pointer-like path of the failing field, e.g. `items/0/quantity`. */
  field: string;
  /** The rule that failed, in words. */
  rule: string;
}

/**
 * An error named after its class, so a handler's thrown error and the state machine's Retry and Catch
 * (which list `SomeError.name`) can never disagree. Bundles keep class names (esbuild `keepNames`).
 */
export class NamedError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export abstract class DomainError extends NamedError {
  abstract readonly kind: 'validation' | 'not-found' | 'conflict' | 'illegal-transition';
}

export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(what: string) {
    super(`${what} was not found`);
  }
}

/** Another writer changed the aggregate first; the caller may re-read and try again. */
export class ConcurrencyConflictError extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(what: string) {
    super(`${what} was changed by another request; read it again and retry`);
  }
}

export class IllegalTransitionError extends DomainError {
  readonly kind = 'illegal-transition' as const;
  constructor(
    readonly from: string,
    readonly command: string,
  ) {
    super(`cannot ${command} a return that is ${from}`);
  }
}

/** The provider refused the payment (a closed card, a disputed order): retrying will not help. */
export class PaymentDeclinedError extends NamedError {}

/** Too many of something in a window (messages on a return per hour): try again later. */
export class RateLimitedError extends NamedError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Why an offer or a seller's message cannot be answered (any more): see NotAnswerableError. */
export type NotAnswerableReason = 'EXPIRED' | 'ANSWERED' | 'WITHDRAWN' | 'USED' | 'UNKNOWN';

/**
 * An offer or a reply link that cannot be acted on: it expired, was answered or withdrawn, its link was
 * used, or it does not exist. Nothing was written. (A return whose status no longer allows the answer
 * is an IllegalTransitionError.)
 */
export class NotAnswerableError extends NamedError {
  constructor(
    readonly reason: NotAnswerableReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A person asked to void a return's label again, and none is owed: only a void that FAILED on an unused
 * label (the return ended before the carrier scanned it) is tried again. `reason` says which it is.
 */
export class LabelVoidNotOwedError extends NamedError {
  constructor(readonly reason: string) {
    super(`the label needs no void: ${reason}`);
  }
}

/** A webhook URL that resolves to an address no delivery may reach (loopback, private, link-local, metadata). */
export class UnsafeWebhookTargetError extends ValidationError {
  constructor(detail: string) {
    super(`the webhook URL is not allowed: ${detail}`, [{ field: 'url', rule: detail }]);
  }
}

/**
 * A run of writes (one per item, in order) of which only the first `written` are known to be done: the
 * store refused or throttled the next. The caller writes the rest again, from there, never skipping one.
 */
export class PartlyWrittenError extends NamedError {
  constructor(
    readonly written: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
