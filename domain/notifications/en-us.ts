import type { Messages } from './messages.js';

export const enUS: Messages = {
  locale: 'en-US',
  separator: ': ',
  greeting: { buyer: 'Hello,', seller: 'Hello,' },
  footer: {
    buyer: 'This is an automated message about your return. Please do not reply to this e-mail.',
    seller: 'This is an automated notification from your returns service.',
  },
  labels: {
    rma: 'RMA number',
    orderId: 'Order number',
    returnId: 'Return ID',
    buyerEmail: 'Buyer e-mail',
    closureReason: 'Reason',
    carrier: 'Carrier',
    trackingNumber: 'Tracking number',
    shipBy: 'Ship by',
    returnAddress: 'Return address',
    refundAmount: 'Refund amount',
    breakdown: 'How your refund was calculated',
    total: 'Total refund',
  },
  closureReasons: {
    REFUND_WITHOUT_RETURN: 'Refunded without a return',
    OUTSIDE_RETURN_WINDOW: 'The return period has ended',
    OUTSIDE_POLICY: "The item is not covered by the seller's return policy",
    BUYER_DID_NOT_SHIP: 'The item was not sent back in time',
    REFUND_REJECTED: 'The refund was declined',
    OTHER: 'Other reason',
  },
  breakdownKinds: {
    ITEM: 'Item price',
    TAX: 'Tax',
    ORIGINAL_SHIPPING: 'Original shipping',
    RETURN_SHIPPING: 'Return shipping',
    RESTOCKING_FEE: 'Restocking fee',
    DEDUCTION: 'Deduction',
    CAP: 'Limited to the amount paid',
    NEGOTIATED_ADJUSTMENT: 'Amount agreed with you',
  },
  address: (a, country) => [
    a.name,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    `${a.city}${a.region ? `, ${a.region}` : ''} ${a.postalCode}`,
    country,
  ],
  carrierOnLabel: 'the carrier named on the label',
  contactSeller:
    'If you have questions, please contact the seller through the marketplace where you placed your order.',

  RETURN_CLOSED: {
    subject: ({ rma }) => `Your return request ${rma} has been closed`,
    heading: 'Your return request was closed',
    intro: ({ rma, orderId, sellerName }) =>
      `${sellerName ?? 'The seller'} has closed your return request ${rma} for order ${orderId}.`,
    commentLabel: ({ sellerName }) => `Message from ${sellerName ?? 'the seller'}`,
    keepItem: 'You do not need to send the item back.',
  },
  RETURN_CANCELLED_BY_BUYER: {
    subject: ({ rma }) => `Return ${rma} was cancelled by the buyer`,
    heading: 'A buyer cancelled their return request',
    intro: ({ rma, orderId }) => `The buyer has cancelled return request ${rma} for order ${orderId}.`,
    commentLabel: "Buyer's comment",
    noAction: 'No action is needed from you.',
  },
  RETURN_AUTHORIZED: {
    subject: ({ rma }) => `Your return ${rma} has been approved`,
    heading: 'Your return has been approved',
    returnless:
      "You don't need to send the item back: please keep it. Your refund will follow, and we'll e-mail you as soon as it has been issued.",
    instructions: ({ carrier, shipBy }) =>
      `Please print the return label below, attach it to your parcel and hand it to ${carrier} by ${shipBy}.`,
    labelLink: 'Print your return label',
    includeRma: ({ rma }) => `Please include the RMA number ${rma} in the parcel.`,
    next: "We'll e-mail you when your return arrives.",
  },
  RETURN_RECEIVED: {
    subject: ({ rma }) => `We've received your return ${rma}`,
    heading: 'Your return has arrived',
    body: ({ rma }) =>
      `The seller has received your return ${rma} and will now inspect it. We'll e-mail you as soon as your refund has been issued.`,
  },
  REFUND_ISSUED: {
    subject: ({ rma, amount }) => `Your refund of ${amount} for return ${rma} has been issued`,
    heading: 'Your refund has been issued',
    body: ({ rma, amount }) =>
      `We have refunded ${amount} for your return ${rma} to your original payment method.`,
    timing:
      'Depending on your bank or card issuer, it may take a few business days for the refund to appear on your statement.',
  },
  REFUND_REJECTED: {
    subject: ({ rma }) => `An update on the refund for your return ${rma}`,
    heading: 'Your refund was not approved',
    body: ({ rma }) => `The seller has reviewed your return ${rma} and did not approve a refund.`,
    reasonLabel: 'Reason given by the seller',
  },
  REFUND_APPROVAL_REQUIRED: {
    subject: ({ rma, amount }) => `Approval needed: refund of ${amount} for return ${rma}`,
    heading: 'A refund is waiting for your approval',
    body: ({ rma, amount }) =>
      `The refund of ${amount} for return ${rma} is above your high-value threshold, so it will not be issued until you approve it.`,
    howTo: ({ approve, reject }) => `To approve it, call ${approve}; to reject it, call ${reject}.`,
  },
  DEADLINE_REMINDER: {
    subject: ({ rma, due }) => `Reminder: return ${rma} is due by ${due}`,
    heading: 'A return deadline is coming up',
    body: ({ rma, action, due }) => `For return ${rma} you need to ${action} by ${due}.`,
    actions: {
      RESPOND_TO_REQUEST: 'authorize or close the request',
      ISSUE_LABEL: 'issue the return label',
      REFUND_AFTER_RECEIPT: 'refund the buyer',
      REFUND_BY_STATUTORY_DATE: 'refund the buyer (a legal deadline)',
      SHIP_REPLACEMENT: 'ship the replacement',
    },
    dueLabel: 'Due by',
    ruleLabel: 'Rule',
    details: ({ path }) => `GET ${path} shows the rule with its numbers and its source.`,
  },
  REFUND_ACTION_REQUIRED: {
    subject: {
      PAY_BY_HAND: ({ rma, amount }) => `Refund to pay by hand: ${amount} for return ${rma}`,
      PAYOUT_REMINDER: ({ rma, amount }) =>
        `Reminder: the refund of ${amount} for return ${rma} is not paid yet`,
      REFUND_FAILED: ({ rma, amount }) => `Refund failed: ${amount} for return ${rma}`,
    },
    body: {
      PAY_BY_HAND: ({ rma, amount }) =>
        `The refund of ${amount} for return ${rma} cannot be paid through a payment connection: please pay it to the buyer yourself (in the marketplace, or by transfer).`,
      PAYOUT_REMINDER: ({ rma, amount }) =>
        `The refund of ${amount} for return ${rma} has waited two business days. Marketplaces expect refunds within two business days of receiving a return.`,
      REFUND_FAILED: ({ rma, amount }) =>
        `The payment provider failed the refund of ${amount} for return ${rma}, so the buyer has not been paid. The return needs your attention.`,
    },
    failureReasonLabel: 'Reason',
    markPaid: ({ call }) => `Once it is paid, call ${call} with the payment's reference.`,
    retry: ({ call }) => `To pay it again, call ${call}.`,
  },
  REPLACEMENT_REQUESTED: {
    subject: ({ rma }) => `A replacement is on its way for your return ${rma}`,
    heading: 'You will receive a replacement',
    body: ({ rma }) =>
      `Instead of a refund, the seller is sending you the same items again for your return ${rma}.`,
    itemsLabel: 'Items to be replaced',
    next: "We'll e-mail you the tracking number as soon as the replacement has shipped.",
  },
  REPLACEMENT_SHIPPED: {
    subject: ({ rma }) => `Your replacement for return ${rma} has shipped`,
    heading: 'Your replacement has shipped',
    body: ({ rma }) => `The seller has sent the replacement for your return ${rma}.`,
  },
  WEBHOOK_ENDPOINT_DISABLED: {
    subject: ({ url }) => `Your webhook endpoint ${url} was disabled`,
    heading: 'A webhook endpoint no longer receives events',
    body: ({ url, reason }) => `We stopped sending return and refund events to ${url}: ${reason}.`,
    howTo: ({ deliveries }) =>
      `See what failed at ${deliveries}; retrying a delivery there enables the endpoint again.`,
  },
};
