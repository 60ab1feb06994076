import type { OFFER_ANSWERS } from './conversation-notifications.js';

type Answer = (typeof OFFER_ANSWERS)[number];

/**
 * What a locale supplies for the conversation with the buyer: its mails, and the buyer pages the mails'
 * links open (functions/buyer/). Plain strings; the layouts escape them.
 */
export interface ConversationMessages {
  labels: { amount: string; expires: string; offerStatus: string };
  MESSAGE_TO_BUYER: {
    subject: (v: { rma: string; sellerName?: string }) => string;
    heading: string;
    intro: (v: { rma: string; sellerName?: string }) => string;
    bodyLabel: string;
    replyLink: string;
    replyBy: (v: { date: string }) => string;
  };
  MESSAGE_TO_SELLER: {
    subject: (v: { rma: string }) => string;
    heading: string;
    intro: (v: { rma: string }) => string;
    bodyLabel: string;
    howTo: (v: { call: string }) => string;
  };
  OFFER_MADE: {
    subject: (v: { rma: string; amount: string }) => string;
    heading: string;
    intro: (v: { rma: string; amount: string; sellerName?: string }) => string;
    keepItem: string;
    sendBack: string;
    messageLabel: string;
    acceptLink: string;
    declineLink: string;
    expires: (v: { date: string }) => string;
    safeToOpen: string;
  };
  OFFER_ANSWERED: {
    subject: Record<Answer, (v: { rma: string; amount: string }) => string>;
    body: Record<Answer, (v: { rma: string; amount: string }) => string>;
    keepItem: string;
  };
  OFFER_WITHDRAWN: {
    subject: (v: { rma: string; amount: string }) => string;
    heading: string;
    intro: (v: { rma: string; amount: string; sellerName?: string }) => string;
    carriesOn: string;
  };
  /** The buyer pages. */
  page: {
    title: string;
    offerHeading: (v: { rma: string }) => string;
    offerIntro: (v: { amount: string }) => string;
    confirmAccept: string;
    confirmDecline: string;
    acceptButton: string;
    declineButton: string;
    replyHeading: (v: { rma: string }) => string;
    sellerWrote: string;
    replyLabel: string;
    replyHint: (v: { max: number }) => string;
    replyButton: string;
    accepted: string;
    declined: string;
    replied: string;
    errorHeading: string;
    errors: Record<
      'invalid' | 'expired' | 'used' | 'answered' | 'withdrawn' | 'notNow' | 'badInput' | 'busy',
      string
    >;
  };
}
