import type { ConversationMessages } from '../conversation-messages.js';

export const enUSConversation: ConversationMessages = {
  labels: { amount: 'Offered refund', expires: 'Offer open until', offerStatus: 'Answer' },
  MESSAGE_TO_BUYER: {
    subject: ({ rma, sellerName }) => `${sellerName ?? 'The seller'} sent you a message about return ${rma}`,
    heading: 'A message about your return',
    intro: ({ rma, sellerName }) => `${sellerName ?? 'The seller'} wrote to you about your return ${rma}.`,
    bodyLabel: 'Message',
    replyLink: 'Reply to the seller',
    replyBy: ({ date }) => `The reply link works until ${date} and can be used once.`,
  },
  MESSAGE_TO_SELLER: {
    subject: ({ rma }) => `The buyer sent a message about return ${rma}`,
    heading: 'A message from the buyer',
    intro: ({ rma }) => `The buyer wrote about return ${rma}.`,
    bodyLabel: "Buyer's message",
    howTo: ({ call }) => `To answer, call ${call}.`,
  },
  OFFER_MADE: {
    subject: ({ rma, amount }) => `An offer of ${amount} for your return ${rma}`,
    heading: 'The seller has made you an offer',
    intro: ({ rma, amount, sellerName }) =>
      `${sellerName ?? 'The seller'} offers you a refund of ${amount} for your return ${rma}, in full settlement.`,
    keepItem: 'You keep the item: there is nothing to send back.',
    sendBack: 'The item is still to be sent back as agreed.',
    messageLabel: 'Message from the seller',
    acceptLink: 'Review and accept the offer',
    declineLink: 'Review and decline the offer',
    expires: ({ date }) =>
      `The offer is open until ${date}. Each link opens a page where you confirm your answer.`,
    safeToOpen: 'Opening a link changes nothing until you press the button on the page.',
  },
  OFFER_ANSWERED: {
    subject: {
      ACCEPTED: ({ rma, amount }) => `The buyer accepted your offer of ${amount} for return ${rma}`,
      DECLINED: ({ rma, amount }) => `The buyer declined your offer of ${amount} for return ${rma}`,
      EXPIRED: ({ rma, amount }) => `Your offer of ${amount} for return ${rma} has expired`,
    },
    body: {
      ACCEPTED: ({ amount }) => `The refund will be ${amount} (limited to what remains refundable).`,
      DECLINED: () => 'The return carries on where it was. You may make another offer.',
      EXPIRED: () => 'The buyer did not answer in time. The return carries on where it was.',
    },
    keepItem:
      'The buyer keeps the item: the return runs as a returnless refund, and an unused label is voided.',
  },
  OFFER_WITHDRAWN: {
    subject: ({ rma, amount }) => `The offer of ${amount} for your return ${rma} was withdrawn`,
    heading: 'The seller withdrew their offer',
    intro: ({ rma, amount, sellerName }) =>
      `${sellerName ?? 'The seller'} withdrew the offer of ${amount} for your return ${rma}. The links in its e-mail no longer work.`,
    carriesOn: 'Your return carries on as before.',
  },
  page: {
    title: 'Your return',
    offerHeading: ({ rma }) => `Offer for your return ${rma}`,
    offerIntro: ({ amount }) =>
      `The seller offers you a refund of ${amount}, in full settlement of your return.`,
    confirmAccept: 'To accept this offer, press the button. You cannot change your answer afterwards.',
    confirmDecline: 'To decline this offer, press the button. Your return carries on as before.',
    acceptButton: 'Accept the offer',
    declineButton: 'Decline the offer',
    replyHeading: ({ rma }) => `Reply about your return ${rma}`,
    sellerWrote: 'The seller wrote',
    replyLabel: 'Your reply',
    replyHint: ({ max }) => `Plain text, at most ${max} characters.`,
    replyButton: 'Send the reply',
    accepted: 'Thank you: you accepted the offer. The seller has been told, and your refund will follow.',
    declined: 'You declined the offer. The seller has been told; your return carries on as before.',
    replied: 'Thank you: your reply has been sent to the seller.',
    errorHeading: 'This link cannot be used',
    errors: {
      invalid: 'This link is not valid. Please use the link exactly as it appears in the e-mail.',
      expired: 'This link has expired.',
      used: 'This link has been used already.',
      answered: 'This offer has been answered already.',
      withdrawn: 'The seller has withdrawn this offer.',
      notNow: 'This offer can no longer be accepted: your return has moved on. Please contact the seller.',
      badInput: 'The reply could not be sent: please write between 1 and the allowed number of characters.',
      busy: 'Too many messages were sent about this return in the last hour. Please try again later.',
    },
  },
};
