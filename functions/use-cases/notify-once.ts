import type { Rendered } from '../../domain/notifications/notification.js';
import type { EmailMessage, Mailer, NotificationLedger } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';

export interface NotifyDeps {
  mailer: Mailer;
  notifications: NotificationLedger;
}

/** Each kind of notification happens at most once in a return's life, so the pair names the event. */
export const notificationId = (ret: Pick<Return, 'id'>, kind: string): string => `${ret.id}#${kind}`;

/** A rendered notification with its recipient: `about` goes to the ledger, the rest to the mailer. */
export type OutgoingNotification = EmailMessage & Pick<Rendered, 'about'>;

/**
 * Sends a notification about a state change that has been written, once per event however often its
 * event is handed on (functions/use-cases/mail-event.ts): the ledger is claimed before the send and
 * confirmed after it, with what the return page shows of it (kind, recipient, locale, subject; not the
 * body). A dispatcher re-run after a crash finds the claim lapsed, or confirmed, and sends, or doesn't.
 * If the mail service fails, the claim is released and the error thrown, so the event stays in the
 * outbox and the next dispatch sends it.
 *
 * The one gap no ledger closes: a crash after SES accepted the mail and before the confirm sends it again
 * once the claim lapses. That window is one DynamoDB write wide.
 */
export const notifyOnce = async (
  deps: NotifyDeps,
  ret: Pick<Return, 'id'>,
  kind: string,
  message: OutgoingNotification,
): Promise<void> => {
  const id = notificationId(ret, kind);
  if (!(await deps.notifications.claim(id))) return;
  const { about, ...mail } = message;
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    await deps.notifications.release(id);
    throw error;
  }
  await deps.notifications.confirm(id, { ...about, subject: mail.subject });
};
