import { labelVoidOwed } from '../../domain/label-void.js';
import { transition } from '../../domain/lifecycle.js';
import type { LabelProviders, VoidOutcome } from '../../domain/ports.js';
import type { LabelVoid, Return } from '../../domain/return.js';
import { logger } from '../shared/observability.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';

export interface VoidLabelDeps extends ApplyCommandDeps {
  labels: LabelProviders;
  /** Waits between attempts; tests pass one that does not. */
  sleep?: (ms: number) => Promise<void>;
}

/** Attempts, and the waits before the second and the third. */
const BACKOFF_MS = [0, 250, 1000] as const;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Voids the label of a return that ended (closed, cancelled, closed unshipped) before the carrier scanned
 * the parcel, so the seller does not pay for a label nobody used:
 * 1. on the return as read, nothing is owed unless its label came from a provider (EasyPost), was never
 *    scanned, and was not voided yet (a FAILED void may be tried again);
 * 2. ask the provider to refund it, up to three times with a growing wait;
 * 3. record the outcome on the label and the timeline (VOID_LABEL): the provider's word, or FAILED with
 *    the last error after the last attempt, left on the return for a person to see.
 * It never throws: the return has already ended, and a void must never undo or block that. Kept on its
 * own so that whatever ends a return (or, later, an event outbox) can trigger it.
 */
export const voidUnusedLabel = async (
  deps: VoidLabelDeps,
  sellerId: string,
  returnId: string,
): Promise<Return | undefined> => {
  try {
    const ret = await deps.returns.get(sellerId, returnId);
    if (!ret?.label || !labelVoidOwed(ret)) return undefined;
    const previous = ret.label.void?.attempts ?? 0;
    const { outcome, error, attempts } = await attemptVoid(deps, ret);
    const record: LabelVoid = {
      status: outcome?.status ?? 'FAILED',
      at: deps.clock.now().toISOString(),
      attempts: previous + attempts,
      ...(outcome ? {} : { error }),
    };
    return await decideOnLatest(deps, sellerId, returnId, (current) =>
      labelVoidOwed(current)
        ? {
            write: transition(
              current,
              { type: 'VOID_LABEL', void: record },
              { now: deps.clock.now(), actor: { kind: 'system' } },
            ),
            answerWritten: (written: Return) => written,
          }
        : { answer: current },
    );
  } catch (error) {
    logger.error('label void not recorded', { returnId, error: error as Error });
    return undefined;
  }
};

const attemptVoid = async (
  deps: VoidLabelDeps,
  ret: Return,
): Promise<{ outcome?: VoidOutcome; error: string; attempts: number }> => {
  const sleep = deps.sleep ?? realSleep;
  let error = '';
  for (const [i, wait] of BACKOFF_MS.entries()) {
    await sleep(wait);
    try {
      const provider = await deps.labels.forSeller(ret.sellerId);
      if (!provider.voidLabel)
        return { error: 'the seller has no label provider that voids labels', attempts: i + 1 };
      return { outcome: await provider.voidLabel(ret.label!), error, attempts: i + 1 };
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  }
  return { error, attempts: BACKOFF_MS.length };
};
