import type { EmailMessage, Mailer } from '../../domain/ports.js';
import { logger } from '../shared/observability.js';

/**
 * Sends a notification after the state change it reports has been written. The change stands even if
 * the mail service fails, so a failure is logged with enough to resend by hand rather than turned into
 * an error the caller would retry (and be refused, the change being done).
 */
export const sendSafely = async (
  mailer: Mailer,
  message: EmailMessage,
  about: { returnId: string; kind: string },
): Promise<void> => {
  try {
    await mailer.send(message);
  } catch (error) {
    logger.error('notification not sent', { ...about, error: error as Error });
  }
};
