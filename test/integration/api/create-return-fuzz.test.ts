import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoke, newSeller, storedReturnCount } from '../support/api.js';
import { createBody } from '../../support/requests.js';

const PROBLEM_STATUSES = [400, 413, 415, 422];

/** Random bodies, some near-valid and some anything at all: every answer is a well-formed 201 or 4xx. */
describe('POST /v1/returns under random input', () => {
  let sellerId: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
  });

  const nearValid = fc
    .record({
      field: fc.constantFrom('orderId', 'marketplace', 'buyer', 'deliveredAt', 'items', 'reason', 'comment'),
      value: fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.double(), fc.constant(null)),
    })
    .map(({ field, value }) => JSON.stringify(createBody({ [field]: value })));
  const anyJson = fc.jsonValue().map((v) => JSON.stringify(v));
  const anyText = fc.string({ maxLength: 200 });

  it('never answers 5xx, and writes exactly one return per 201', async () => {
    let createdCount = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearValid, anyJson, anyText), async (raw) => {
        const answer = await invoke('CreateReturn', {
          sellerId,
          path: '/v1/returns',
          raw,
          headers: { 'content-type': 'application/json' },
        });
        if (answer.status === 201) {
          createdCount++;
          expect(answer.body).toMatchObject({ id: expect.any(String), rma: expect.any(String) });
          return;
        }
        expect(PROBLEM_STATUSES).toContain(answer.status);
        expect(answer.contentType).toBe('application/problem+json');
        expect(answer.body.errors?.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
    expect(await storedReturnCount(sellerId)).toBe(createdCount);
  });
});
