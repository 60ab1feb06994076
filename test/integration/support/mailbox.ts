import { sweepPendingEvents } from '../../../functions/events/dispatch-pending.js';

export interface CapturedEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/**
 * Mail the shared local SES captured for one recipient, once the events written so far are dispatched
 * (what the stack's stream, or npm start's poller, does right after each write).
 */
export const mailTo = async (address: string): Promise<CapturedEmail[]> => {
  await sweepPendingEvents(new Date(Date.now() + 1000), 1000);
  const response = await fetch(process.env.SES_STORE_URL!);
  const { emails } = (await response.json()) as { emails: CapturedEmail[] };
  return emails.filter((m) => m.destination.to.includes(address));
};
