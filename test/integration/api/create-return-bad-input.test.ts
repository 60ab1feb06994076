import { beforeAll, describe, expect, it } from 'vitest';
import { invoke, newSeller, storedReturnCount } from '../support/api.js';
import { createBody, daysAgo } from '../../support/requests.js';

/** Every kind of hostile input to POST /v1/returns: a 4xx problem naming the field, and nothing written. */
describe('POST /v1/returns refuses bad input', () => {
  let sellerId: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
  });

  const line = createBody().items[0]!;
  const cases: Array<{
    name: string;
    raw?: string;
    body?: unknown;
    headers?: Record<string, string>;
    status: number;
    field: string;
  }> = [
    {
      name: 'malformed JSON',
      raw: '{"orderId": "1",',
      headers: { 'content-type': 'application/json' },
      status: 400,
      field: '(body)',
    },
    {
      name: 'a wrong content type',
      raw: JSON.stringify(createBody()),
      headers: { 'content-type': 'text/plain' },
      status: 415,
      field: 'content-type',
    },
    {
      name: 'an empty body',
      raw: '',
      headers: { 'content-type': 'application/json' },
      status: 400,
      field: '(body)',
    },
    {
      name: 'a body over 256 KB',
      raw: JSON.stringify(createBody({ comment: 'x'.repeat(300_000) })),
      headers: { 'content-type': 'application/json' },
      status: 413,
      field: '(body)',
    },
    {
      name: 'an unknown top-level field',
      body: { ...createBody(), isAdmin: true },
      status: 400,
      field: 'isAdmin',
    },
    {
      name: 'an unknown nested field',
      body: createBody({ items: [{ ...line, discount: 5 }] }),
      status: 400,
      field: 'items/0/discount',
    },
    {
      name: 'a buyer address without a street',
      body: createBody({
        buyer: { ...createBody().buyer, address: { ...createBody().buyer.address, line1: '' } },
      }),
      status: 400,
      field: 'buyer/address/line1',
    },
    {
      name: 'a buyer address with an unknown field',
      body: createBody({
        buyer: { ...createBody().buyer, address: { ...createBody().buyer.address, floor: 3 } },
      }),
      status: 400,
      field: 'buyer/address/floor',
    },
    {
      name: 'a buyer address in no country',
      body: createBody({
        buyer: { ...createBody().buyer, address: { ...createBody().buyer.address, country: 'USA' } },
      }),
      status: 400,
      field: 'buyer/address/country',
    },
    {
      name: 'a weight of zero',
      body: createBody({ items: [{ ...line, weight: { value: 0, unit: 'g' } }] }),
      status: 400,
      field: 'items/0/weight/value',
    },
    {
      name: 'dimensions in an unknown unit',
      body: createBody({ items: [{ ...line, dimensions: { length: 1, width: 1, height: 1, unit: 'ft' } }] }),
      status: 400,
      field: 'items/0/dimensions/unit',
    },
    {
      name: 'a wrong type',
      body: createBody({ items: [{ ...line, quantity: '1' }] }),
      status: 400,
      field: 'items/0/quantity',
    },
    {
      name: 'negative money',
      body: createBody({ items: [{ ...line, unitPrice: { amount: -1, currency: 'USD' } }] }),
      status: 400,
      field: 'items/0/unitPrice/amount',
    },
    {
      name: 'fractional money',
      body: createBody({ items: [{ ...line, unitPrice: { amount: 25.99, currency: 'USD' } }] }),
      status: 400,
      field: 'items/0/unitPrice/amount',
    },
    {
      name: 'a currency mismatch between lines',
      body: createBody({
        items: [line, { ...line, sku: 'SKU-2', unitPrice: { amount: 100, currency: 'EUR' } }],
      }),
      status: 400,
      field: 'items/1/unitPrice/currency',
    },
    {
      name: 'a quantity of 0',
      body: createBody({ items: [{ ...line, quantity: 0 }] }),
      status: 400,
      field: 'items/0/quantity',
    },
    {
      name: 'a delivery date in the future',
      body: createBody({ deliveredAt: daysAgo(-3) }),
      status: 422,
      field: 'deliveredAt',
    },
    {
      name: 'a date that is not a date',
      body: createBody({ deliveredAt: 'yesterday' }),
      status: 400,
      field: 'deliveredAt',
    },
    {
      name: '1,000 items',
      body: createBody({ items: Array.from({ length: 1000 }, (_, i) => ({ ...line, sku: `SKU-${i}` })) }),
      status: 400,
      field: 'items',
    },
    {
      name: 'a 166 KB request (100 lines with long CJK titles), over its share of the return',
      body: createBody({
        items: Array.from({ length: 100 }, (_, i) => ({ ...line, sku: `SKU-${i}`, title: '長'.repeat(500) })),
      }),
      status: 400,
      field: '(body)',
    },
    { name: 'an unknown reason', body: createBody({ reason: 'BORED' }), status: 400, field: 'reason' },
    {
      name: 'an unknown marketplace',
      body: createBody({ marketplace: 'XX' }),
      status: 400,
      field: 'marketplace',
    },
    {
      name: 'a marketplace without a policy',
      body: createBody({
        marketplace: 'JP',
        items: [
          { ...line, unitPrice: { amount: 2599, currency: 'JPY' }, tax: { amount: 0, currency: 'JPY' } },
        ],
      }),
      status: 422,
      field: 'marketplace',
    },
    {
      name: 'a bad e-mail',
      body: createBody({ buyer: { email: 'not-an-email', country: 'US' } }),
      status: 400,
      field: 'buyer/email',
    },
    {
      name: 'a JSON array instead of an object',
      raw: '[]',
      headers: { 'content-type': 'application/json' },
      status: 400,
      field: '(body)',
    },
    {
      name: 'JSON null',
      raw: 'null',
      headers: { 'content-type': 'application/json' },
      status: 400,
      field: '(body)',
    },
    {
      name: 'a line total past the safe-integer limit (2 x 9007199254740991)',
      body: createBody({
        items: [{ ...line, quantity: 2, unitPrice: { amount: Number.MAX_SAFE_INTEGER, currency: 'USD' } }],
      }),
      status: 422,
      field: 'items/0/unitPrice/amount',
    },
    {
      name: 'a tax that takes the line past the safe-integer limit',
      body: createBody({ items: [{ ...line, tax: { amount: Number.MAX_SAFE_INTEGER, currency: 'USD' } }] }),
      status: 422,
      field: 'items/0/tax/amount',
    },
    {
      name: 'lines that together pass the safe-integer limit',
      body: createBody({
        items: [
          { ...line, unitPrice: { amount: 2 ** 52, currency: 'USD' }, tax: undefined },
          { ...line, sku: 'SKU-2', unitPrice: { amount: 2 ** 52, currency: 'USD' }, tax: undefined },
        ],
      }),
      status: 422,
      field: 'items/1/unitPrice/amount',
    },
    {
      name: 'outbound shipping that takes the total past the safe-integer limit',
      body: createBody({ originalShipping: { amount: Number.MAX_SAFE_INTEGER, currency: 'USD' } }),
      status: 422,
      field: 'originalShipping/amount',
    },
    {
      name: 'an SQL-like SKU',
      body: createBody({ items: [{ ...line, sku: "1'; DROP TABLE returns;--" }] }),
      status: 400,
      field: 'items/0/sku',
    },
  ];

  it.each(cases)('$name: $status naming $field', async ({ raw, body, headers, status, field }) => {
    const answer = await invoke('CreateReturn', { sellerId, path: '/v1/returns', raw, body, headers });
    expect(answer.status).toBe(status);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      status,
      type: expect.stringMatching(/^\/problems\//),
      detail: expect.any(String),
    });
    expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+|Exception|dynamodb/i);
    expect(await storedReturnCount(sellerId)).toBe(0);
  });

  it('says a missing field "is required" rather than naming a type', async () => {
    const { buyer: _buyer, ...body } = createBody();
    const answer = await invoke('CreateReturn', { sellerId, path: '/v1/returns', body });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'buyer', rule: 'is required' }]);
  });

  it('stores and echoes SQL- and script-like text verbatim, never interpreting it', async () => {
    const comment = `<script>alert('x')</script> '; DROP TABLE returns; -- {{7*7}} \${process.env}`;
    const created = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: createBody({
        comment,
        buyer: { email: "o'brien@example.com", name: 'Robert"); DELETE', country: 'US' },
      }),
    });
    expect(created.status).toBe(201);
    const read = await invoke('GetReturn', { sellerId, path: `/v1/returns/${String(created.body.id)}` });
    expect(read.body.comment).toBe(comment);
    expect((read.body.buyer as { name: string }).name).toBe('Robert"); DELETE');
    expect(read.contentType).toBe('application/json');
  });
});
