import type { EmailMessage, Mailer, NotificationLedger } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { logger } from '../shared/observability.js';

export interface NotifyDeps {
  mailer: Mailer;
  notifications: NotificationLedger;
}

/** Each kind of notification happens at most once in a return's life, so the pair names the event. */
export const notificationId = (ret: Pick<Return, 'id'>, kind: string): string => `${ret.id}#${kind}`;

/**
 * Sends a notification about a state change that has been written, once per event however often the
 * step that sends it runs: the ledger is claimed before the send and confirmed after it. A step re-run
 * after a crash finds the claim lapsed, or confirmed, and sends, or doesn't. If the mail service fails,
 * the claim is released for the next run and the change stands: the failure is logged rather than
 * turned into an error the caller would retry (and be refused, the change being done).
 *
 * The one gap no ledger closes: a crash after SES accepted the mail and before the confirm sends it again
 * once the claim lapses. That window is one DynamoDB write wide.
 */
export const notifyOnce = async (
  deps: NotifyDeps,
  ret: Pick<Return, 'id'>,
  kind: string,
  message: EmailMessage,
): Promise<void> => {
  const id = notificationId(ret, kind);
  if (!(await deps.notifications.claim(id))) return;
  try {
    await deps.mailer.send(message);
  } catch (error) {
    logger.error('notification not sent', { returnId: ret.id, kind, error: error as Error });
    await deps.notifications.release(id);
    return;
  }
  await deps.notifications.confirm(id);
};
