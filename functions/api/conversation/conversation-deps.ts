import { clock, policies, returns, sellers } from '../../shared/dependencies/data.js';
import { linkSigner } from '../../shared/dependencies/links.js';

/** What the conversation's endpoints pass their use cases (their mails go from the outbox). */
export const conversationDeps = {
  returns,
  sellers,
  policies,
  clock,
  links: linkSigner,
};
