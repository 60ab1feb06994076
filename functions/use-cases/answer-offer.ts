import { transition } from '../../domain/lifecycle.js';
import type { Offer } from '../../domain/conversation.js';
import type { Return } from '../../domain/return.js';
import { decideOnLatest, type ApplyCommandDeps, type Decision } from './apply-command.js';
import { releaseWaitingRun } from './release-waiting-run.js';
import { firstRunName, resumeInput, startRun, type StartPipelineDeps } from './start-pipeline.js';
import { voidUnusedLabel, type VoidLabelDeps } from './void-label.js';

export type AnswerOfferDeps = ApplyCommandDeps & StartPipelineDeps & VoidLabelDeps;

export type OfferAnswer = 'ACCEPT' | 'DECLINE';

/** The run a keepItem offer's returnless refund goes in: the first, or one beside the released one. */
const refundRunName = (before: Return): string =>
  before.status === 'AUTHORIZATION_REQUIRED' ? firstRunName(before) : `${firstRunName(before)}-offer`;

/**
 * The buyer answers an offer: through a signed link (`check` then makes sure, on the latest return,
 * that the link names that very offer) or relayed by the storefront.
 * 1. on the latest return, ACCEPT_OFFER or DECLINE_OFFER (refused unless the offer is open and not
 *    expired, and, for an acceptance, the return can still take it). Two answers racing each other are
 *    decided one after the other: the second finds the offer answered and is refused, so an offer
 *    accepted twice at once is settled, and paid, once;
 * 2. an accepted keepItem offer turns the return into a returnless refund: the run waiting for the
 *    carrier is let go, a run starts at ComputeRefund (named after the return: started once), and the
 *    unused label is voided;
 * 3. its event (offer.accepted or offer.declined) mails the seller, once, from the outbox.
 */
export const answerOffer = async (
  deps: AnswerOfferDeps,
  sellerId: string,
  returnId: string,
  offerId: string,
  answer: OfferAnswer,
  context: { via: 'LINK' | 'API'; correlationId: string; check?: (current: Return) => void },
): Promise<{ ret: Return; offer: Offer }> => {
  const { before, after } = await decideOnLatest(
    deps,
    sellerId,
    returnId,
    (current): Decision<{ before: Return; after: Return }> => {
      context.check?.(current);
      const next = transition(
        current,
        { type: answer === 'ACCEPT' ? 'ACCEPT_OFFER' : 'DECLINE_OFFER', offerId, via: context.via },
        { now: deps.clock.now(), actor: { kind: 'buyer' } },
      );
      return { write: next, answerWritten: (written) => ({ before: current, after: written }) };
    },
  );
  const offer = after.offers!.find((o) => o.offerId === offerId)!;
  let ret = after;
  if (answer === 'ACCEPT' && offer.keepItem) {
    await releaseWaitingRun(deps.pipeline, before);
    const resume = await resumeInput(deps, after);
    if (resume) {
      ret = await startRun(deps, after, refundRunName(before), {
        sellerId,
        returnId,
        correlationId: context.correlationId,
        ...resume,
      });
    }
    ret = (await voidUnusedLabel(deps, sellerId, returnId)) ?? ret;
  }
  return { ret, offer };
};
