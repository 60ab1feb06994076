import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startLocalStack } from './support/local-stack.js';
import { call, capturedEmails } from './support/http.js';
import { timelineTypes } from './support/pipeline.js';
import { createBody, daysAgo } from '../support/requests.js';

const HOUR = 3_600_000;

interface Listed {
  items: { id: string; nextDeadline?: { dueAt: string; overdueAt?: string } }[];
}

/** A request outside the window (it waits for the seller), asked `hoursAgo` hours before now. */
const waitingRequest = (orderId: string, hoursAgo: number, offsetMs = 0) =>
  createBody({
    orderId,
    deliveredAt: daysAgo(45),
    requestedAt: new Date(Date.now() - hoursAgo * HOUR + offsetMs).toISOString(),
  });

const reminders = async (ses: string, rma: string) =>
  (await capturedEmails(ses)).filter((m) => m.subject.startsWith('Reminder:') && m.subject.includes(rma));

describe('deadlines on npm start', () => {
  it('a reminder that came due while npm start was stopped is sent once, by the first sweep after the restart', async () => {
    const first = await startLocalStack(undefined, { LOCAL_DEADLINE_SWEEP_MS: '500' });
    const key = first.sellers[0]!.apiKey;
    // Amazon's 24 hours, with 18 of them gone in 8 seconds: the reminder is due then.
    const created = await call<{ id: string; rma: string; nextDeadline: { action: string; dueAt: string } }>(
      first.api,
      '/v1/returns',
      { key, body: waitingRequest('113-7000000-0000001', 18, 8_000) },
    );
    expect(created.status).toBe(201);
    expect(created.body.nextDeadline).toMatchObject({ action: 'RESPOND_TO_REQUEST' });
    const { id, rma } = created.body;
    expect(await reminders(first.ses, rma)).toEqual([]);
    expect(await first.stop()).toBe(0);

    await sleep(9_000); // the reminder comes due while nothing runs
    const second = await startLocalStack(first.dataDir, { LOCAL_DEADLINE_SWEEP_MS: '500' });
    try {
      await expect.poll(() => reminders(second.ses, rma).then((m) => m.length), { timeout: 15_000 }).toBe(1);
      const [mail] = await reminders(second.ses, rma);
      expect(mail!.destination.to).toEqual(['returns@acme-outdoor.example']);
      expect(mail!.body.text).toContain('AMAZON_AUTHORIZATION_24_HOURS');
      await sleep(2_000); // four more sweeps
      expect(await reminders(second.ses, rma)).toHaveLength(1);
      expect((await timelineTypes(second, key, id)).filter((t) => t === 'REMIND_DEADLINE')).toHaveLength(1);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('marks a passed deadline overdue, lists returns by deadline, and refuses bad deadline filters', async () => {
    const stack = await startLocalStack(undefined, { LOCAL_DEADLINE_SWEEP_MS: '500' });
    try {
      const key = stack.sellers[0]!.apiKey;
      const late = await call<{ id: string }>(stack.api, '/v1/returns', {
        key,
        body: waitingRequest('113-7000000-0000002', 24, 2_000),
      });
      const soon = await call<{ id: string }>(stack.api, '/v1/returns', {
        key,
        body: waitingRequest('113-7000000-0000003', 12),
      });
      await expect
        .poll(() => timelineTypes(stack, key, late.body.id), { timeout: 15_000 })
        .toContain('MARK_OVERDUE');

      const overdue = await call<Listed>(stack.api, '/v1/returns?overdue=true', { key });
      expect(overdue.body.items.map((r) => r.id)).toEqual([late.body.id]);
      expect(overdue.body.items[0]!.nextDeadline?.overdueAt).toBeDefined();
      const ahead = await call<Listed>(stack.api, '/v1/returns?overdue=false', { key });
      expect(ahead.body.items.map((r) => r.id)).toEqual([soon.body.id]);
      const dueBefore = new Date(Date.now() + 24 * HOUR).toISOString();
      const both = await call<Listed>(stack.api, `/v1/returns?dueBefore=${dueBefore}&limit=1`, { key });
      expect(both.body.items.map((r) => r.id)).toEqual([late.body.id]); // soonest first
      const next = await call<Listed & { cursor?: string }>(
        stack.api,
        `/v1/returns?dueBefore=${dueBefore}&limit=1&cursor=${(both.body as { cursor?: string }).cursor}`,
        { key },
      );
      expect(next.body.items.map((r) => r.id)).toEqual([soon.body.id]);
      // Another seller sees none of them.
      const other = await call<Listed>(stack.api, '/v1/returns?overdue=true', {
        key: stack.sellers[1]!.apiKey,
      });
      expect(other.body.items).toEqual([]);

      for (const [query, field] of [
        ['overdue=yes', 'overdue'],
        ['dueBefore=tomorrow', 'dueBefore'],
        ['dueBefore=2026-12-01T00:00:00Z&status=AUTHORIZED', 'dueBefore'],
      ] as const) {
        const refused = await call<{ errors?: { field: string }[] }>(stack.api, `/v1/returns?${query}`, {
          key,
        });
        expect(refused.status, query).toBe(400);
        expect(refused.contentType).toContain('application/problem+json');
        expect(JSON.stringify(refused.body), query).toContain(field);
      }
    } finally {
      await stack.stop();
    }
  });
});
