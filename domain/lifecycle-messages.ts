import { NotAnswerableError, RateLimitedError, ValidationError } from './errors.js';
import { MESSAGES_PER_HOUR, type Message } from './conversation.js';
import { MESSAGES_BUDGET_BYTES, jsonBytes } from './return-size.js';
import type { Change } from './lifecycle-change.js';
import type { LifecycleCommand } from './lifecycle-command.js';
import type { Return } from './return.js';

const HOUR_MS = 3_600_000;

type PostMessage = Extract<LifecycleCommand, { type: 'POST_MESSAGE' }>;

/**
 * Not a move: a message joins the thread, in any status (a conversation goes on after a return ends).
 * Refused, with nothing written, when the return's rolling hour already holds MESSAGES_PER_HOUR
 * messages, when the thread would outgrow its share of the item (MESSAGES_BUDGET_BYTES), and when a
 * reply link's answer finds the seller's message answered already: each link answers once.
 */
export const postMessage = (ret: Return, cmd: PostMessage, now: Date): Change => {
  const thread = ret.messages ?? [];
  const { message } = cmd;
  if (message.replyTo !== undefined && thread.some((m) => m.replyTo === message.replyTo)) {
    throw new NotAnswerableError('USED', 'this reply link has been used already');
  }
  const recent = thread.filter((m) => now.getTime() - Date.parse(m.at) < HOUR_MS);
  if (recent.length >= MESSAGES_PER_HOUR) {
    const oldest = Math.min(...recent.map((m) => Date.parse(m.at)));
    throw new RateLimitedError(
      `a return takes at most ${MESSAGES_PER_HOUR} messages an hour`,
      Math.max(1, Math.ceil((oldest + HOUR_MS - now.getTime()) / 1000)),
    );
  }
  const messages: Message[] = [...thread, message];
  if (jsonBytes(messages) > MESSAGES_BUDGET_BYTES) {
    throw new ValidationError('the message thread of this return is full', [
      { field: 'body', rule: `the thread must stay within ${MESSAGES_BUDGET_BYTES / 1024} KB as UTF-8 JSON` },
    ]);
  }
  return {
    to: ret.status,
    patch: { messages },
    data: {
      messageId: message.messageId,
      from: message.from,
      via: message.via,
      length: message.body.length,
      ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    },
  };
};
