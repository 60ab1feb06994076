import { describe, expect, it } from 'vitest';
import { DynamoNotificationLedger } from '../../../functions/adapters/dynamodb/notification-ledger.js';
import type { EmailMessage, Mailer } from '../../../domain/ports.js';
import { notifyOnce, notifyOnceAfterRequest } from '../../../functions/use-cases/notify-once.js';
import { tableOptions, uniqueId } from '../support/table.js';

/** The mail service, the outside world: it records what it accepted and can be down for a number of sends. */
class MailService implements Mailer {
  readonly accepted: EmailMessage[] = [];
  constructor(private downForSends = 0) {}
  async send(message: EmailMessage): Promise<void> {
    if (this.downForSends > 0) {
      this.downForSends -= 1;
      throw new Error('SES is unavailable');
    }
    this.accepted.push(message);
  }
}

const message: EmailMessage = {
  to: 'buyer@example.com',
  subject: 'Refund',
  text: 'paid',
  html: '<p>paid</p>',
};
const notifications = new DynamoNotificationLedger(tableOptions());
const aReturn = () => ({ id: uniqueId('return') });

describe('notifyOnce', () => {
  it('sends one mail per event however often the step that sends it runs', async () => {
    const mailer = new MailService();
    const ret = aReturn();
    await Promise.all(
      [1, 2, 3].map(() => notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message)),
    );
    await notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message);
    expect(mailer.accepted).toHaveLength(1);
  });

  it('keeps kinds of one return apart', async () => {
    const mailer = new MailService();
    const ret = aReturn();
    await notifyOnce({ mailer, notifications }, ret, 'RETURN_RECEIVED', message);
    await notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message);
    expect(mailer.accepted).toHaveLength(2);
  });

  it('throws when the mail service fails, so the step is retried, and the retry sends it once', async () => {
    const mailer = new MailService(1);
    const ret = aReturn();
    await expect(notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message)).rejects.toThrow(
      'SES is unavailable',
    );
    await notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message);
    await notifyOnce({ mailer, notifications }, ret, 'REFUND_ISSUED', message);
    expect(mailer.accepted).toHaveLength(1);
  });
});

describe('notifyOnceAfterRequest', () => {
  it("never fails the seller's request over the mail, and leaves the mail to send later", async () => {
    const mailer = new MailService(1);
    const ret = aReturn();
    await expect(
      notifyOnceAfterRequest({ mailer, notifications }, ret, 'RETURN_CLOSED', message),
    ).resolves.toBeUndefined();
    expect(mailer.accepted).toHaveLength(0);
    await notifyOnceAfterRequest({ mailer, notifications }, ret, 'RETURN_CLOSED', message);
    expect(mailer.accepted).toHaveLength(1);
  });
});
