import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, capturedEmails, mailTo } from './support/http.js';
import { createBody, daysAgo } from '../support/requests.js';

/**
 * The outbox's promise, for real: `npm start` is killed (SIGKILL, no clean-up) after a change was
 * written and before its events were dispatched. The change and its events were one write, so the
 * restarted process finds the events still pending and dispatches them: the mail goes out, once.
 */
describe('a crash between the write and the delivery of its events', () => {
  const stacks: RunningStack[] = [];
  afterAll(async () => {
    for (const stack of stacks) await stack.stop();
  });

  it('loses nothing: after a SIGKILL and a restart the close mail goes out once', async () => {
    // The dispatcher's poller is held back, so nothing is dispatched before the kill.
    const first = await startLocalStack(undefined, { LOCAL_OUTBOX_POLL_MS: '3600000' });
    stacks.push(first);
    const key = first.sellers[0]!.apiKey;
    const buyer = { email: `outbox-${randomUUID()}@example.com`, locale: 'en-US', country: 'US' };
    const created = await call<{ id: string; status: string }>(first.api, '/v1/returns', {
      key,
      body: createBody({ buyer, deliveredAt: daysAgo(90) }),
    });
    expect(created.body.status).toBe('AUTHORIZATION_REQUIRED');
    const closed = await call<{ status: string }>(first.api, `/v1/returns/${created.body.id}/close`, {
      key,
      body: { reason: 'OUTSIDE_RETURN_WINDOW', comment: 'Ninety days ago' },
    });
    expect(closed.body.status).toBe('CLOSED');
    await sleep(500);
    expect((await capturedEmails(first.ses)).filter((m) => m.destination.to.includes(buyer.email))).toEqual(
      [],
    );

    expect(await first.kill()).toBe(null);

    const second = await startLocalStack(first.dataDir);
    stacks.push(second);
    const mails = await mailTo(second.ses, buyer.email, 1);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('has been closed')]);
    expect(mails[0]!.body.text).toContain('Ninety days ago');
    // Dispatched once: a few more polls send nothing more.
    await sleep(1500);
    expect(
      (await capturedEmails(second.ses)).filter((m) => m.destination.to.includes(buyer.email)),
    ).toHaveLength(1);
  }, 150_000); // two start-ups of the whole local stack
});
