import { clock, notificationLedger, policies, returns, sellers } from '../../shared/dependencies/data.js';
import { linkSigner } from '../../shared/dependencies/links.js';
import { mailer } from '../../shared/dependencies/mail.js';

/** What the conversation's endpoints pass their use cases. */
export const conversationDeps = {
  returns,
  sellers,
  policies,
  clock,
  mailer,
  notifications: notificationLedger,
  links: linkSigner,
};
