import { NotFoundError } from '../../domain/errors.js';
import { TERMINAL_STATUSES } from '../../domain/return.js';
import { applyCommand, type ApplyCommandDeps } from './apply-command.js';
import { countNeedsAttention } from '../shared/observability.js';

/** What Step Functions caught: an error name and a cause, which for a Lambda error is its JSON. */
export interface CaughtError {
  Error: string;
  Cause?: string;
}

/** The human-readable part of a cause: a Lambda error's message, never its stack trace. */
export const describeCause = ({ Error: name, Cause: cause }: CaughtError): string => {
  if (!cause) return name;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return `${name}: ${parsed.errorMessage}`;
  } catch {
    // Not JSON: a plain cause, e.g. from a timeout.
  }
  return `${name}: ${cause.slice(0, 500)}`;
};

/**
 * Sends a return to NEEDS_ATTENTION with the failed step and why, so a seller can see it and retry.
 * A return that already needs attention or has ended (a retried step) is left as it is.
 */
export const recordStepFailure = async (
  deps: ApplyCommandDeps,
  sellerId: string,
  returnId: string,
  step: string,
  error: CaughtError,
): Promise<void> => {
  const ret = await deps.returns.get(sellerId, returnId);
  if (!ret) throw new NotFoundError(`return ${returnId}`);
  if (ret.status === 'NEEDS_ATTENTION' || TERMINAL_STATUSES.includes(ret.status)) return;
  await applyCommand(
    deps,
    sellerId,
    returnId,
    { type: 'STEP_FAILED', step, error: describeCause(error) },
    { kind: 'system' },
  );
  countNeedsAttention();
};
