import { beforeAll, describe, expect, it } from 'vitest';
import { invoke, newSeller } from '../support/api.js';
import { reread, storedReturn } from '../support/pipeline.js';
import {
  buyerMails,
  newBuyer,
  recordedCallbacks,
  runStep,
  sellerMails,
  SUBJECTS,
} from '../support/refunds.js';
import { uniqueId } from '../support/table.js';

/**
 * A seller without a payment connection: IssueRefund waits in REFUND_PENDING_PAYOUT and asks the seller
 * to pay by hand; `POST /v1/returns/{id}/refund/mark-paid` completes it, once, whatever is sent twice.
 */
let sellerId: string;
beforeAll(async () => {
  ({ sellerId } = await newSeller());
});

describe('a manual payout, end to end through the handlers', () => {
  it('waits for the payout, and a double mark-paid pays once, mails the buyer once and resumes the run', async () => {
    const ret = await storedReturn({ sellerId, status: 'INSPECTED', buyer: newBuyer() });
    await runStep('ComputeRefund', ret);
    const token = uniqueId('refund-token');
    await runStep('IssueRefund', ret, token);
    expect(await reread(ret)).toMatchObject({
      status: 'REFUND_PENDING_PAYOUT',
      refund: { method: 'MANUAL', status: 'IN_PROGRESS' },
    });
    expect(await sellerMails(ret, /^Refund to pay by hand/)).toHaveLength(1);

    const body = { reference: 'AMZ-REFUND-42', paidAt: '2026-11-20T10:00:00Z' };
    const path = `/v1/returns/${ret.id}/refund/mark-paid`;
    const [first, second] = [
      await invoke('MarkRefundPaid', { sellerId, path, body }),
      await invoke('MarkRefundPaid', { sellerId, path, body }),
    ];

    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const done = await reread(ret);
    expect(done).toMatchObject({ status: 'COMPLETED', refund: { status: 'COMPLETED', payout: body } });
    expect(done.timeline.filter((e) => e.type === 'MARK_PAID')).toHaveLength(1);
    expect(done.inventoryAdjustments).toHaveLength(1);
    expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(1);
    expect(await recordedCallbacks(token)).toEqual([expect.objectContaining({ kind: 'success' })]);
  });

  it("answers another seller's mark-paid with a 404, and writes nothing", async () => {
    const ret = await storedReturn({ sellerId, status: 'INSPECTED', buyer: newBuyer() });
    const { sellerId: other } = await newSeller();
    const answer = await invoke('MarkRefundPaid', {
      sellerId: other,
      path: `/v1/returns/${ret.id}/refund/mark-paid`,
      body: { reference: 'X', paidAt: '2026-11-20T10:00:00Z' },
    });
    expect(answer).toMatchObject({ status: 404, contentType: 'application/problem+json' });
    expect(await reread(ret)).toEqual(ret);
  });
});
