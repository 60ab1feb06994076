import type { EmailMessage, Mailer } from '../../../domain/ports.js';

/** The mail service in memory: keeps what it accepted, and can be down for a number of sends. */
export class InMemoryMailer implements Mailer {
  readonly sent: EmailMessage[] = [];

  constructor(private downForSends = 0) {}

  async send(message: EmailMessage): Promise<void> {
    if (this.downForSends > 0) {
      this.downForSends -= 1;
      throw new Error('the mail service is unavailable');
    }
    this.sent.push(message);
  }
}
