import { beforeAll, describe, expect, it } from 'vitest';
import type { Return } from '../../../domain/return.js';
import { makeReturn } from '../../support/return-factory.js';
import { invoke, newSeller } from '../support/api.js';
import { reread, returns, storedReturn } from '../support/pipeline.js';

/** A return closed before the buyer shipped, its EasyPost label's void FAILED twice. */
const closedWithFailedVoid = async (sellerId: string): Promise<Return> => {
  const labelled = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
  const ret: Return = {
    ...labelled,
    status: 'CLOSED',
    label: {
      ...labelled.label!,
      provider: 'easypost',
      shipmentId: 'shp_failed_void',
      void: {
        status: 'FAILED',
        at: labelled.updatedAt,
        attempts: 2,
        error: 'Error: the label API timed out',
      },
    },
  };
  await returns().create(ret);
  return ret;
};

describe('POST /v1/returns/{id}/label/void', () => {
  let sellerId: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
  });

  it('tries the failed void again and records the outcome on the label, counting the attempt', async () => {
    const ret = await closedWithFailedVoid(sellerId);
    const answer = await invoke('RetryLabelVoid', { sellerId, path: `/v1/returns/${ret.id}/label/void` });

    // This seller has no EasyPost connection now, so the provider's void fails again, on the record.
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: ret.id,
      status: 'CLOSED',
      label: { void: { status: 'FAILED', attempts: 3, error: expect.stringContaining('no label provider') } },
    });
    expect((await reread(ret)).label?.void).toMatchObject({ status: 'FAILED', attempts: 3 });
  });

  it('refuses an open return with 409 problem+json naming the label, writing nothing', async () => {
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED' });
    const answer = await invoke('RetryLabelVoid', { sellerId, path: `/v1/returns/${ret.id}/label/void` });

    expect(answer.status).toBe(409);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      type: '/problems/label-void-not-owed',
      errors: [{ field: 'label' }],
    });
    expect((await reread(ret)).version).toBe(ret.version);
  });

  it("answers another seller's return 404", async () => {
    const ret = await closedWithFailedVoid(sellerId);
    const { sellerId: other } = await newSeller();
    const answer = await invoke('RetryLabelVoid', {
      sellerId: other,
      path: `/v1/returns/${ret.id}/label/void`,
    });
    expect(answer.status).toBe(404);
    expect((await reread(ret)).label?.void?.attempts).toBe(2);
  });
});
