import { describe, expect, it } from 'vitest';
import { transition } from '../../domain/lifecycle.js';
import { NotAnswerableError, RateLimitedError, ValidationError } from '../../domain/errors.js';
import { MESSAGES_PER_HOUR, type Message } from '../../domain/conversation.js';
import { MESSAGES_BUDGET_BYTES, jsonBytes } from '../../domain/return-size.js';
import type { Return } from '../../domain/return.js';
import { makeReturn } from '../support/return-factory.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const MINUTE = 60_000;

const message = (i: number, changes: Partial<Message> = {}): Message => ({
  messageId: `m-${i}`,
  from: i % 2 === 0 ? 'SELLER' : 'BUYER',
  body: `message ${i}`,
  at: NOW.toISOString(),
  via: 'API',
  ...changes,
});

const post = (ret: Return, m: Message, now = NOW) =>
  transition(ret, { type: 'POST_MESSAGE', message: m }, { now, actor: { kind: 'seller', id: 's-1' } });

describe('the message thread', () => {
  it('takes messages in every status, each on the timeline, the return where it was', () => {
    for (const status of ['AUTHORIZATION_REQUIRED', 'COMPLETED', 'CLOSED', 'CANCELLED'] as const) {
      const next = post(makeReturn({ sellerId: 's-1', status }), message(0));
      expect(next.status).toBe(status);
      expect(next.messages).toEqual([message(0)]);
      expect(next.timeline.at(-1)).toMatchObject({
        type: 'POST_MESSAGE',
        data: { messageId: 'm-0', from: 'SELLER' },
      });
    }
  });

  it(`refuses message ${MESSAGES_PER_HOUR + 1} within an hour, and takes it once the hour has passed`, () => {
    let ret = makeReturn({ sellerId: 's-1' });
    for (let i = 0; i < MESSAGES_PER_HOUR; i++) {
      ret = post(
        ret,
        message(i, { at: new Date(NOW.getTime() + i * MINUTE).toISOString() }),
        new Date(NOW.getTime() + i * MINUTE),
      );
    }
    const soon = new Date(NOW.getTime() + 30 * MINUTE);
    const before = structuredClone(ret);
    expect(() => post(ret, message(99), soon)).toThrow(RateLimitedError);
    expect(ret).toEqual(before);
    expect(post(ret, message(99), new Date(NOW.getTime() + 61 * MINUTE)).messages).toHaveLength(
      MESSAGES_PER_HOUR + 1,
    );
  });

  it('refuses the message that would take the thread over its budget, and nothing is dropped', () => {
    const long = (i: number) => message(i, { body: '退'.repeat(2000), at: '2026-01-01T00:00:00.000Z' });
    let ret = makeReturn({ sellerId: 's-1' });
    let i = 0;
    while (jsonBytes([...(ret.messages ?? []), long(i)]) <= MESSAGES_BUDGET_BYTES) ret = post(ret, long(i++));
    expect(() => post(ret, long(i))).toThrow(ValidationError);
    expect(ret.messages).toHaveLength(i);
  });

  it('takes one answer per reply link: a second answer to the same message is refused', () => {
    const ret = post(makeReturn({ sellerId: 's-1' }), message(0, { linkNonce: 'n' }));
    const reply = message(1, { via: 'REPLY_LINK', replyTo: 'm-0' });
    const answered = post(ret, reply);
    expect(() => post(answered, { ...reply, messageId: 'm-2' })).toThrow(NotAnswerableError);
  });
});
