import type { RouteName } from '../api-routes.js';
import type { OperationDoc } from './operations.js';
import { RETURN_ID_EXAMPLE, returnExample } from './examples.js';
import { LinkFormSchema } from '../../buyer/link-form.js';

type ConversationRoute = Extract<
  RouteName,
  | 'PostMessage'
  | 'ListMessages'
  | 'MakeOffer'
  | 'WithdrawOffer'
  | 'AcceptOffer'
  | 'DeclineOffer'
  | 'BuyerLinkPage'
  | 'BuyerLinkAnswer'
>;

const OFFER_ID = `${RETURN_ID_EXAMPLE}-offer-01KB6A1B2C3D4E5F6G7H8J9K0M`;
const MESSAGE = {
  messageId: `${RETURN_ID_EXAMPLE}-message-01KB6A1B2C3D4E5F6G7H8J9K0M`,
  from: 'SELLER',
  body: 'The screen can be replaced at no cost. Would that suit you?',
  at: '2026-11-06T14:00:00.000Z',
  via: 'API',
};
const OFFER = {
  offerId: OFFER_ID,
  amount: { amount: 1800, currency: 'USD' },
  keepItem: true,
  message: 'Keep the item and we refund 18 dollars.',
  status: 'OPEN',
  createdAt: '2026-11-06T14:00:00.000Z',
  expiresAt: '2026-11-13T14:00:00.000Z',
};
const NOT_ANSWERABLE =
  'The offer is not open (answered, withdrawn or expired), or the return cannot take the answer in its status';
const ANSWER = (answer: string): OperationDoc => ({
  summary: `${answer} an offer for the buyer (relayed by the storefront)`,
  description:
    'The same answer the buyer gives through the link in the offer mail. An accepted offer settles the refund at its amount (a NEGOTIATED_ADJUSTMENT line, capped by what was paid less concessions); a keepItem offer then runs as a returnless refund and an unused label is voided. The seller is mailed.',
  tag: 'Conversation',
  answers: {
    200: {
      description: 'The return after the answer',
      component: 'Return',
      example: returnExample('AUTHORIZED'),
    },
  },
  refusals: { 404: 'No such return, or no such offer on it', 409: NOT_ANSWERABLE },
});

/** What the OpenAPI document says about the conversation's routes (see operations.ts). */
export const CONVERSATION_OPERATIONS: Record<ConversationRoute, OperationDoc> = {
  PostMessage: {
    summary: 'Write to the buyer, or relay the buyer’s message',
    description:
      'Plain text, at most 2000 characters; at most 10 messages an hour per return. A seller’s message is mailed to the buyer with a signed reply link (single use, 30 days); a buyer’s to the seller.',
    tag: 'Conversation',
    answers: {
      201: { description: 'Added to the thread, and mailed', component: 'Message', example: MESSAGE },
    },
    refusals: { 422: 'The thread is full (24 KB)' },
    requestExample: { body: MESSAGE.body, from: 'SELLER' },
  },
  ListMessages: {
    summary: 'Read the thread with the buyer, and the offers',
    tag: 'Conversation',
    answers: {
      200: {
        description: 'Oldest first',
        component: 'MessageThread',
        example: { items: [MESSAGE], offers: [OFFER] },
      },
    },
  },
  MakeOffer: {
    summary: 'Offer the buyer a partial refund in full settlement',
    description:
      'At most one offer is open at a time; a keepItem offer only before the item ships; at most what was paid less concessions. The buyer is mailed accept and decline links, signed and bound to the offer and its amount, expiring with it (7 days unless `expiresAt`, at most 30).',
    tag: 'Conversation',
    answers: {
      201: {
        description: 'Made, and mailed',
        component: 'OfferMade',
        example: { offer: OFFER, return: returnExample('LABEL_ISSUED') },
      },
    },
    refusals: {
      409: 'Not allowed in the current status',
      422: 'Another offer is open, or the amount or expiry breaks a rule',
    },
    requestExample: { amount: OFFER.amount, keepItem: true, message: OFFER.message },
  },
  WithdrawOffer: {
    summary: 'Withdraw an open offer; its links stop working',
    tag: 'Conversation',
    answers: {
      200: {
        description: 'The return after the change',
        component: 'Return',
        example: returnExample('LABEL_ISSUED'),
      },
    },
    refusals: { 404: 'No such return, or no such offer on it', 409: NOT_ANSWERABLE },
  },
  AcceptOffer: ANSWER('Accept'),
  DeclineOffer: ANSWER('Decline'),
  BuyerLinkPage: {
    summary: 'The page a buyer’s link opens (reply or offer); it changes nothing',
    description:
      'No API key: the signed token (`?token=`) is the only authority. The page shows the offer or the seller’s message with one button (or a reply form); only the POST acts, so a mail scanner that follows the link accepts nothing. Strict CSP, no script, no third-party request.',
    tag: 'Buyer pages',
    answers: {
      200: {
        description: 'The page, in the buyer’s language',
        example:
          '<!doctype html>\n<html lang="en-US">…<form method="post" action="links">…<button type="submit">Accept the offer</button></p></form>…',
      },
    },
    refusals: {
      404: 'The link names nothing on the return',
      409: 'The offer was answered, or the reply link used',
    },
    security: [],
  },
  BuyerLinkAnswer: {
    summary: 'The buyer confirms: accept, decline, or send the reply',
    description:
      'The page’s form (`token`, and `body` for a reply), posted by the browser. Decided on the latest return and written once: a replayed, expired, withdrawn or tampered link gets an error page with a 4xx and writes nothing.',
    tag: 'Buyer pages',
    answers: {
      200: {
        description: 'Done, in the buyer’s language',
        example: '<!doctype html>\n<html lang="en-US">…<p>Thank you: you accepted the offer.…</p>…',
      },
    },
    bodies: { BuyerLinkForm: LinkFormSchema },
    security: [],
    refusals: {
      403: 'The link is not valid (altered, or not one of ours)',
      404: 'The link names nothing on the return',
      409: 'The offer was answered, the reply link used, or the return moved on',
      410: 'The link, or its offer, expired, or the offer was withdrawn',
      415: 'The body is not application/x-www-form-urlencoded',
      422: 'The reply is blank or too long, or the thread is full',
    },
  },
};
