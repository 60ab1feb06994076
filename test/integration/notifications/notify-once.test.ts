import { describe, expect, it } from 'vitest';
import { DynamoNotificationLedger } from '../../../functions/adapters/dynamodb/notification-ledger.js';
import { notifyOnce, type OutgoingNotification } from '../../../functions/use-cases/notify-once.js';
import { InMemoryMailer } from '../../support/in-memory/mailer.js';
import { tableOptions, uniqueId } from '../support/table.js';

const message: OutgoingNotification = {
  to: 'buyer@example.com',
  subject: 'Refund',
  text: 'paid',
  html: '<p>paid</p>',
  about: { kind: 'REFUND_ISSUED', recipient: 'buyer', locale: 'en-US' },
};
const notifications = new DynamoNotificationLedger(tableOptions());
const aReturn = () => ({ id: uniqueId('return') });

describe('notifyOnce', () => {
  it('sends one mail per event however often the step that sends it runs', async () => {
    const mailer = new InMemoryMailer();
    const ret = aReturn();
    await Promise.all(
      [1, 2, 3].map(() => notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message)),
    );
    await notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message);
    expect(mailer.sent).toHaveLength(1);
    // The mailer gets the mail only; the ledger keeps what the return page shows of it, once.
    expect(mailer.sent[0]).toEqual({ to: message.to, subject: 'Refund', text: 'paid', html: '<p>paid</p>' });
    expect(await notifications.sentFor(ret.id)).toEqual([
      {
        kind: 'REFUND_ISSUED',
        recipient: 'buyer',
        locale: 'en-US',
        subject: 'Refund',
        sentAt: expect.any(String),
      },
    ]);
  });

  it('keeps kinds of one return apart', async () => {
    const mailer = new InMemoryMailer();
    const ret = aReturn();
    await notifyOnce({ mailer, notifications }, ret, 'RETURN_RECEIVED', message);
    await notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message);
    expect(mailer.sent).toHaveLength(2);
  });

  it('throws when the mail service fails, so the step is retried, and the retry sends it once', async () => {
    const mailer = new InMemoryMailer(1);
    const ret = aReturn();
    await expect(notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message)).rejects.toThrow(
      'the mail service is unavailable',
    );
    await notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message);
    await notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message);
    expect(mailer.sent).toHaveLength(1);
    expect(await notifications.sentFor(ret.id)).toHaveLength(1);
  });
});
