import { transition } from '../../domain/lifecycle.js';
import { TERMINAL_STATUSES } from '../../domain/return.js';
import { decideOnLatest, type ApplyCommandDeps, type Decision } from './apply-command.js';
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
 * The RecordStepFailure step: sends a return to NEEDS_ATTENTION with the failed step and why, so a
 * seller can see it and retry. Decided on the latest return: one that already needs attention or has
 * ended (a retried step, another writer) is left as it is.
 */
export const recordStepFailure = async (
  deps: ApplyCommandDeps,
  sellerId: string,
  returnId: string,
  step: string,
  error: CaughtError,
): Promise<void> => {
  const recorded = await decideOnLatest(deps, sellerId, returnId, (current): Decision<boolean> => {
    if (current.status === 'NEEDS_ATTENTION' || TERMINAL_STATUSES.includes(current.status)) {
      return { answer: false };
    }
    const failed = transition(
      current,
      { type: 'RECORD_STEP_FAILURE', step, error: describeCause(error) },
      { now: deps.clock.now(), actor: { kind: 'system' } },
    );
    return { write: failed, answerWritten: () => true };
  });
  if (recorded) countNeedsAttention();
};
