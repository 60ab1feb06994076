import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoke, newSeller } from '../support/api.js';
import { dynamoCallsOf } from '../support/dynamodb-calls.js';
import { mailTo } from '../support/mailbox.js';
import { createBody, daysAgo } from '../../support/requests.js';

/** GET /v1/returns/{id}/notifications: the mails a return caused, from the ledger, for its seller only. */
let sellerId: string;
beforeAll(async () => {
  ({ sellerId } = await newSeller());
});

const closedReturn = async (buyerEmail: string, locale: string) => {
  const created = await invoke('CreateReturn', {
    sellerId,
    path: '/v1/returns',
    body: createBody({ deliveredAt: daysAgo(60), buyer: { email: buyerEmail, locale, country: 'US' } }),
  });
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  const closed = await invoke('CloseReturn', {
    sellerId,
    path: `/v1/returns/${id}/close`,
    body: { reason: 'OUTSIDE_RETURN_WINDOW', comment: 'Delivered 60 days ago.' },
  });
  expect(closed.status).toBe(200);
  return id;
};

const notificationsOf = (id: string, as = sellerId) =>
  invoke('ListReturnNotifications', { sellerId: as, path: `/v1/returns/${id}/notifications` });

describe('GET /v1/returns/{id}/notifications', () => {
  it("lists the buyer's mail as sent, in the buyer's language, with its subject and no body", async () => {
    const email = `b-${ulid().toLowerCase()}@example.com`;
    const id = await closedReturn(email, 'zh-CN');
    const [mail] = await mailTo(email);

    const answer = await notificationsOf(id);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id,
      items: [
        {
          kind: 'RETURN_CLOSED',
          recipient: 'buyer',
          locale: 'zh-CN',
          subject: mail!.subject,
          sentAt: expect.any(String),
        },
      ],
    });
    expect(JSON.stringify(answer.body)).not.toContain('Delivered 60 days ago.');
  });

  it('reads the return and then its notifications with one Query', async () => {
    const id = await closedReturn(`b-${ulid().toLowerCase()}@example.com`, 'en-US');
    expect(await dynamoCallsOf(() => notificationsOf(id))).toEqual(['GetItemCommand', 'QueryCommand']);
  });

  it("answers another seller's return with a 404, as one that does not exist", async () => {
    const id = await closedReturn(`b-${ulid().toLowerCase()}@example.com`, 'en-US');
    const { sellerId: other } = await newSeller();

    const answer = await notificationsOf(id, other);

    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/problem+json');
    expect(JSON.stringify(answer.body)).not.toContain('RETURN_CLOSED');
  });

  it('lists nothing for a return that mailed no one yet', async () => {
    const created = await invoke('CreateReturn', { sellerId, path: '/v1/returns', body: createBody() });
    expect((await notificationsOf(String(created.body.id))).body).toEqual({ id: created.body.id, items: [] });
  });
});
