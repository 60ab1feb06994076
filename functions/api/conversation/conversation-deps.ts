import { clock, notificationLedger, policies, returns, sellers } from '../../shared/dependencies/data.js';
import { labels } from '../../shared/dependencies/carrier.js';
import { linkSigner } from '../../shared/dependencies/links.js';
import { mailer } from '../../shared/dependencies/mail.js';
import { pipeline } from '../../shared/dependencies/pipeline.js';

/** What the conversation's endpoints and the buyer pages pass their use cases. */
export const conversationDeps = {
  returns,
  sellers,
  policies,
  clock,
  mailer,
  notifications: notificationLedger,
  links: linkSigner,
};

/** Besides: what answering an offer may need (a keepItem acceptance restarts the run and voids the label). */
export const answerDeps = { ...conversationDeps, pipeline, labels };
