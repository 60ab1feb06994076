import { randomBytes } from 'node:crypto';
import type { Message, MessageSender } from '../../domain/conversation.js';
import { transition } from '../../domain/lifecycle.js';
import { messageOfLink, type LinkClaims } from '../../domain/link-token.js';
import type { Actor, Return } from '../../domain/return.js';
import { decideOnLatest, type ApplyCommandDeps, type Decision } from './apply-command.js';
import { requestDerivedId } from './request-derived-id.js';

/** A link's nonce: stored on the record, carried by the link, so the link fits that record only. */
export const linkNonce = (): string => randomBytes(16).toString('base64url');

const actorOf = (from: MessageSender, sellerId: string): Actor =>
  from === 'SELLER' ? { kind: 'seller', id: sellerId } : { kind: 'buyer' };

/**
 * Adds a message to the thread, once, on the latest return; its event (message.posted) mails it from the
 * outbox (conversation-mail.ts).
 * `draft` makes the message from what the latest return holds, or gives `undefined` when the message is
 * there already (a request re-run with its Idempotency-Key), which is then taken up again.
 */
const addMessage = async (
  deps: ApplyCommandDeps,
  sellerId: string,
  returnId: string,
  messageId: string,
  draft: (current: Return, at: string) => Message | undefined,
): Promise<{ ret: Return; message: Message }> => {
  const ret = await decideOnLatest(deps, sellerId, returnId, (current): Decision<Return> => {
    const now = deps.clock.now();
    const message = draft(current, now.toISOString());
    if (!message) return { answer: current };
    return {
      write: transition(
        current,
        { type: 'POST_MESSAGE', message },
        { now, actor: actorOf(message.from, sellerId) },
      ),
      answerWritten: (written) => written,
    };
  });
  const message = ret.messages!.find((m) => m.messageId === messageId)!;
  return { ret, message };
};

/**
 * POST /v1/returns/{id}/messages: the seller writes to the buyer (mailed with a reply link), or the
 * storefront relays the buyer's message (mailed to the seller). Refused past the rate limit or when
 * the thread is full (lifecycle-messages.ts).
 */
export const postMessage = (
  deps: ApplyCommandDeps,
  sellerId: string,
  returnId: string,
  body: { body: string; from: MessageSender },
  request: { idempotencyKey?: string },
) => {
  const messageId = requestDerivedId(sellerId, returnId, 'message', request.idempotencyKey);
  return addMessage(deps, sellerId, returnId, messageId, (current, at): Message | undefined =>
    current.messages?.some((m) => m.messageId === messageId)
      ? undefined
      : {
          messageId,
          from: body.from,
          body: body.body,
          at,
          via: 'API',
          ...(body.from === 'SELLER' ? { linkNonce: linkNonce() } : {}),
        },
  );
};

/**
 * The buyer answers a seller's message through its signed link (claims already verified): on the
 * latest return the link must name that very message, not yet answered (each link answers once; two
 * answers racing each other cannot both be written). The seller is mailed.
 */
export const replyByLink = (deps: ApplyCommandDeps, claims: LinkClaims, body: string) => {
  const messageId = `${claims.target}-reply`;
  return addMessage(deps, claims.sellerId, claims.returnId, messageId, (current, at) => {
    const answered = messageOfLink(current, claims);
    return { messageId, from: 'BUYER', body, at, via: 'REPLY_LINK', replyTo: answered.messageId };
  });
};
