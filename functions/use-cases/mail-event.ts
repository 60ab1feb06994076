import { mailOfEvent } from '../../domain/events/event-mails.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { SellerRepository } from '../../domain/ports.js';
import type { EventSink } from './dispatch-events.js';
import { notifyOnce, type NotifyDeps } from './notify-once.js';

/**
 * The mail sink: the mail an event owes (domain/events/event-mails.ts), through the notification ledger,
 * so it goes out once however often the event is handed on. If SES fails, the claim is released and the
 * error thrown: the event stays in the outbox and the mail is tried again, never lost.
 */
export const mailSink = (deps: NotifyDeps & { sellers: Pick<SellerRepository, 'get'> }): EventSink => ({
  name: 'mail',
  handle: async (event, ret) => {
    const seller = await deps.sellers.get(ret.sellerId);
    const mail = mailOfEvent(event, ret, seller);
    if (!mail) return;
    const rendered = renderNotification(mail.notification, mail.locale);
    await notifyOnce(deps, ret, mail.once ?? mail.notification.kind, { to: mail.to, ...rendered });
  },
});
