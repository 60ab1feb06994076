import { beforeAll, describe, expect, it } from 'vitest';
import { invoke, newSeller, storedReturnCount, type Invocation } from '../support/api.js';
import { createBody, daysAgo } from '../../support/requests.js';

/** Hostile input on every endpoint but create (covered on its own): 4xx problem+json naming the field. */
describe('bad input on the other endpoints', () => {
  let sellerId: string;
  let id: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
    const created = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: createBody({ deliveredAt: daysAgo(60) }),
    });
    id = String(created.body.id);
  });

  const cases = (): Array<Invocation & { route: string; status: number; field?: string }> => [
    { route: 'GetReturn', path: '/v1/returns/not-a-ulid', status: 400, field: 'path/id' },
    {
      route: 'MarkRefundPaid',
      path: `/v1/returns/${id}/refund/mark-paid`,
      body: { reference: '', paidAt: '2026-11-20T10:00:00Z' },
      status: 400,
      field: 'reference',
    },
    {
      route: 'MarkRefundPaid',
      path: `/v1/returns/${id}/refund/mark-paid`,
      body: { reference: 'AMZ-1', paidAt: 'yesterday' },
      status: 400,
      field: 'paidAt',
    },
    {
      route: 'MarkRefundPaid',
      path: `/v1/returns/${id}/refund/mark-paid`,
      body: { reference: 'AMZ-1', paidAt: '2026-11-20T10:00:00Z', amount: 5 },
      status: 400,
      field: 'amount',
    },
    {
      route: 'MarkRefundPaid',
      path: `/v1/returns/${id}/refund/mark-paid`,
      body: { reference: 'AMZ-1', paidAt: '2026-11-20T10:00:00Z' },
      status: 409,
      field: 'status',
    },
    {
      route: 'CreateReturn',
      path: '/v1/returns',
      body: createBody({ payment: { provider: 'stripe', paymentIntentId: 'pi_1', chargeId: 'ch_1' } }),
      status: 400,
      field: 'payment',
    },
    {
      route: 'CreateReturn',
      path: '/v1/returns',
      body: createBody({ payment: { provider: 'stripe', paymentIntentId: 'sk_live_x' } }),
      status: 400,
      field: 'payment/paymentIntentId',
    },
    { route: 'GetReturn', path: '/v1/returns/01J00000000000000000000000', status: 404, field: undefined },
    { route: 'ListReturnEvents', path: "/v1/returns/1' OR '1'='1/events", status: 400, field: 'path/id' },
    {
      route: 'ListReturns',
      path: '/v1/returns',
      query: { status: 'LOST' },
      status: 400,
      field: 'query/status',
    },
    { route: 'ListReturns', path: '/v1/returns', query: { limit: '0' }, status: 400, field: 'query/limit' },
    { route: 'ListReturns', path: '/v1/returns', query: { limit: '2.5' }, status: 400, field: 'query/limit' },
    { route: 'ListReturns', path: '/v1/returns', query: { sort: 'asc' }, status: 400, field: 'query/sort' },
    {
      route: 'ListReturns',
      path: '/v1/returns',
      query: { cursor: 'eyJwayI6IlNFTExFUiNvdGhlciJ9' },
      status: 422,
      field: 'cursor',
    },
    {
      route: 'ListReturns',
      path: '/v1/returns',
      query: { cursor: '%%%not-base64' },
      status: 422,
      field: 'cursor',
    },
    {
      route: 'AuthorizeReturn',
      path: `/v1/returns/${id}/authorize`,
      body: { returnless: 'yes' },
      status: 400,
      field: 'returnless',
    },
    {
      route: 'AuthorizeReturn',
      path: `/v1/returns/${id}/authorize`,
      body: { approve: true },
      status: 400,
      field: 'approve',
    },
    {
      route: 'AuthorizeReturn',
      path: `/v1/returns/${id}/authorize`,
      raw: '{',
      headers: { 'content-type': 'application/json' },
      status: 400,
      field: '(body)',
    },
    {
      route: 'CloseReturn',
      path: `/v1/returns/${id}/close`,
      body: { reason: 'BECAUSE' },
      status: 400,
      field: 'reason',
    },
    {
      route: 'CloseReturn',
      path: `/v1/returns/${id}/close`,
      body: { reason: 'BUYER_DID_NOT_SHIP' },
      status: 400,
      field: 'reason',
    },
    {
      route: 'CloseReturn',
      path: `/v1/returns/${id}/close`,
      raw: '',
      headers: { 'content-type': 'application/json' },
      status: 400,
      field: '(body)',
    },
    {
      route: 'CloseReturn',
      path: `/v1/returns/${id}/close`,
      raw: 'reason=OTHER',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      field: 'content-type',
    },
    {
      route: 'CloseReturn',
      path: `/v1/returns/${id}/close`,
      body: { reason: 'OTHER', comment: 'x'.repeat(2001) },
      status: 400,
      field: 'comment',
    },
    {
      route: 'CancelReturn',
      path: `/v1/returns/${id}/cancel`,
      body: { comment: 42 },
      status: 400,
      field: 'comment',
    },
    { route: 'GetPolicy', path: '/v1/policy', body: { x: 1 }, status: 400, field: '(body)' },
    { route: 'RetryReturn', path: '/v1/returns/<script>/retry', status: 400, field: 'path/id' },
    {
      route: 'RetryReturn',
      path: `/v1/returns/${id}/retry`,
      body: { force: true },
      status: 400,
      field: '(body)',
    },
    // Only a return that needs attention can be retried; this one waits for the seller.
    { route: 'RetryReturn', path: `/v1/returns/${id}/retry`, status: 409, field: 'status' },
    // Inspection results: refused before anything is queued.
    { route: 'SubmitInspection', path: '/v1/returns/../../etc/inspection', status: 400, field: 'path/id' },
    {
      route: 'SubmitInspection',
      path: `/v1/returns/${id}/inspection`,
      raw: '{"lines": [',
      headers: { 'content-type': 'application/json' },
      status: 400,
      field: '(body)',
    },
    { route: 'SubmitInspection', path: `/v1/returns/${id}/inspection`, status: 400, field: '(body)' },
    {
      route: 'SubmitInspection',
      path: `/v1/returns/${id}/inspection`,
      body: { lines: [], disposition: 'RESTOCK' },
      status: 400,
      field: 'lines',
    },
    {
      route: 'SubmitInspection',
      path: `/v1/returns/${id}/inspection`,
      body: { lines: [{ sku: 'SKU-1', grade: 'LIKE_NEW' }], disposition: 'RESTOCK' },
      status: 400,
      field: 'lines/0/grade',
    },
    {
      route: 'SubmitInspection',
      path: `/v1/returns/${id}/inspection`,
      body: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'BURN' },
      status: 400,
      field: 'disposition',
    },
    {
      route: 'SubmitInspection',
      path: `/v1/returns/${id}/inspection`,
      body: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK', notes: 'x'.repeat(2001) },
      status: 400,
      field: 'notes',
    },
    {
      route: 'SubmitInspection',
      path: `/v1/returns/${id}/inspection`,
      body: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK', refund: 0 },
      status: 400,
      field: 'refund',
    },
    // Not delivered yet: the return waits for the seller.
    {
      route: 'SubmitInspection',
      path: `/v1/returns/${id}/inspection`,
      body: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' },
      status: 409,
      field: 'status',
    },
    // Approval and rejection.
    {
      route: 'ApproveRefund',
      path: `/v1/returns/${id}/refund/approve`,
      body: { amount: 1 },
      status: 400,
      field: '(body)',
    },
    { route: 'ApproveRefund', path: '/v1/returns/%00/refund/approve', status: 400, field: 'path/id' },
    { route: 'ApproveRefund', path: `/v1/returns/${id}/refund/approve`, status: 409, field: 'status' },
    { route: 'RejectRefund', path: `/v1/returns/${id}/refund/reject`, status: 400, field: '(body)' },
    {
      route: 'RejectRefund',
      path: `/v1/returns/${id}/refund/reject`,
      body: { reason: '   ' },
      status: 400,
      field: 'reason',
    },
    {
      route: 'RejectRefund',
      path: `/v1/returns/${id}/refund/reject`,
      body: { reason: 'x'.repeat(2001) },
      status: 400,
      field: 'reason',
    },
    {
      route: 'RejectRefund',
      path: `/v1/returns/${id}/refund/reject`,
      body: { reason: 'no', refund: false },
      status: 400,
      field: 'refund',
    },
    {
      route: 'RejectRefund',
      path: `/v1/returns/${id}/refund/reject`,
      body: { reason: 'not pending' },
      status: 409,
      field: 'status',
    },
    // Concessions: refused before the payment provider hears of them.
    { route: 'AddConcession', path: `/v1/returns/${id}/concessions`, status: 400, field: '(body)' },
    {
      route: 'AddConcession',
      path: `/v1/returns/${id}/concessions`,
      body: { amount: { amount: -100, currency: 'USD' }, reason: 'sorry' },
      status: 400,
      field: 'amount/amount',
    },
    {
      route: 'AddConcession',
      path: `/v1/returns/${id}/concessions`,
      body: { amount: { amount: 2.5, currency: 'USD' }, reason: 'sorry' },
      status: 400,
      field: 'amount/amount',
    },
    {
      route: 'AddConcession',
      path: `/v1/returns/${id}/concessions`,
      body: { amount: { amount: 100, currency: 'XXX' }, reason: 'sorry' },
      status: 400,
      field: 'amount/currency',
    },
    {
      route: 'AddConcession',
      path: `/v1/returns/${id}/concessions`,
      body: { amount: { amount: 100, currency: 'USD' } },
      status: 400,
      field: 'reason',
    },
    {
      route: 'AddConcession',
      path: `/v1/returns/${id}/concessions`,
      body: { amount: { amount: 100, currency: 'USD' }, reason: 'sorry', payTo: 'attacker' },
      status: 400,
      field: 'payTo',
    },
    {
      route: 'AddConcession',
      path: `/v1/returns/${id}/concessions`,
      body: { amount: { amount: 100, currency: 'EUR' }, reason: 'sorry' },
      status: 422,
      field: 'amount/currency',
    },
    {
      route: 'AddConcession',
      path: `/v1/returns/${id}/concessions`,
      body: { amount: { amount: 100_000_000, currency: 'USD' }, reason: 'sorry' },
      status: 422,
      field: 'amount',
    },
    {
      route: 'AddConcession',
      path: `/v1/returns/${id}/concessions`,
      raw: JSON.stringify({ amount: { amount: 100, currency: 'USD' }, reason: 'x'.repeat(300 * 1024) }),
      headers: { 'content-type': 'application/json' },
      status: 413,
      field: undefined,
    },
  ];

  it('answers each with a 4xx problem naming the field, and changes nothing', async () => {
    const before = await invoke('ListReturnEvents', { sellerId, path: `/v1/returns/${id}/events` });
    for (const c of cases()) {
      const answer = await invoke(c.route, { sellerId, ...c });
      expect
        .soft(answer.status, `${c.route} ${c.path} ${JSON.stringify(c.body ?? c.query ?? c.raw)}`)
        .toBe(c.status);
      expect.soft(answer.contentType).toBe('application/problem+json');
      if (c.field) expect.soft(answer.body.errors?.map((e) => e.field)).toContain(c.field);
    }
    const after = await invoke('ListReturnEvents', { sellerId, path: `/v1/returns/${id}/events` });
    expect(after.body).toEqual(before.body);
    expect(await storedReturnCount(sellerId)).toBe(1);
    const ret = await invoke('GetReturn', { sellerId, path: `/v1/returns/${id}` });
    expect(ret.body).toMatchObject({ concessions: [], status: 'AUTHORIZATION_REQUIRED' });
  });
});
