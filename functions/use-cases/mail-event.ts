import { mailNeedsSeller, mailOfEvent } from '../../domain/events/event-mails.js';
import { ReturnEventSchema } from '../../domain/events/return-event.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { Seller, SellerRepository } from '../../domain/ports.js';
import { LINKED_MAILS, type ConversationMailDeps } from './conversation-mail.js';
import { eachInOrder, type EventSink } from './dispatch-events.js';
import { notifyOnce, type NotifyDeps } from './notify-once.js';

export type MailSinkDeps = NotifyDeps & ConversationMailDeps & { sellers: Pick<SellerRepository, 'get'> };

/**
 * The mail sink: the mail an event owes (domain/events/event-mails.ts, or, for the conversation's mails
 * with signed buyer links, conversation-mail.ts), through the notification ledger, so it goes out once
 * however often the event is handed on. The seller is read once per pass, and only when a mail goes to
 * or names them (every linked mail does). If SES or KMS fails, the claim is released and the error
 * thrown: that event and the later ones stay in the outbox and the mail is tried again, never lost.
 */
export const mailSink = (deps: MailSinkDeps): EventSink => ({
  name: 'mail',
  take: async (events, ret) => {
    let read: Promise<Seller | undefined> | undefined;
    const seller = () => (read ??= deps.sellers.get(ret.sellerId));
    await eachInOrder(events, async (event) => {
      const parsed = ReturnEventSchema.parse(event);
      const linked = LINKED_MAILS[parsed.type];
      const mail = linked
        ? await linked(deps, parsed, ret, await seller())
        : mailOfEvent(parsed, ret, mailNeedsSeller(parsed.type) ? await seller() : undefined);
      if (!mail) return;
      const rendered = renderNotification(mail.notification, mail.locale);
      await notifyOnce(deps, ret, mail.once ?? mail.notification.kind, { to: mail.to, ...rendered });
    });
  },
});
