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

export abstract class DomainError extends Error {
  abstract readonly kind: 'validation' | 'not-found' | 'conflict' | 'illegal-transition';
}

export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = 'NotFoundError';
  }
}

/** Another writer changed the aggregate first; the caller may re-read and try again. */
export class ConcurrencyConflictError extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(what: string) {
    super(`${what} was changed by another request; read it again and retry`);
    this.name = 'ConcurrencyConflictError';
  }
}

export class IllegalTransitionError extends DomainError {
  readonly kind = 'illegal-transition' as const;
  constructor(
    readonly from: string,
    readonly command: string,
  ) {
    super(`cannot ${command} a return that is ${from}`);
    this.name = 'IllegalTransitionError';
  }
}
