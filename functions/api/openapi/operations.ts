import * as z from '../../../domain/zod.js';
import { EasyPostEventSchema } from '../../../domain/carriers/easypost-tracker.js';
import { CARRIER_FORMATS, CarrierSchema } from '../../../domain/carriers/carriers.js';
import type { RouteName } from '../api-routes.js';
import type { ANSWER_COMPONENTS } from './answers.js';
import { WEBHOOK_OPERATIONS } from './webhook-operations.js';
import {
  CREATE_RETURN_EXAMPLE,
  POLICY_EXAMPLE,
  RETURN_EXAMPLE,
  RETURN_ID_EXAMPLE,
  STORED_POLICY_EXAMPLE,
  TIMELINE_EXAMPLE,
  returnExample,
} from './examples.js';
import { CONVERSATION_OPERATIONS } from './conversation-operations.js';

export const TAGS = {
  Returns: 'Return requests: open, read, authorize, close, cancel, re-drive',
  Refunds: 'Inspection results, refund approvals and goodwill credits',
  Policy: "The seller's return policy per marketplace",
  Integrations: "The seller's connections to Stripe (refunds) and EasyPost (labels and tracking)",
  Analytics: "Counts and totals of the seller's returns, from counters kept on each change",
  'Carrier webhooks': 'Tracking events that carriers send us, signed',
  Webhooks: "Signed events we send to the seller's endpoints",
  'Payment webhooks': "Refund events that the seller's Stripe account sends us, signed",
  Conversation: 'Messages with the buyer, and partial-refund offers the buyer accepts or declines',
  'Buyer pages': "The pages the buyer's signed links open: no API key, one action per link",
  Contract: 'This document',
} as const;

export interface Answer {
  description: string;
  /** The body's schema; none for a 204. */
  component?: keyof typeof ANSWER_COMPONENTS;
  example?: unknown;
}

/** What the OpenAPI document says about one route, beside what the route table and the edge fix. */
export interface OperationDoc {
  summary: string;
  description?: string;
  tag: keyof typeof TAGS;
  /** The success answers, by status. */
  answers: Partial<Record<200 | 201 | 202 | 204, Answer>>;
  /** The use case's own refusals, beside those the edge gives every route of its shape (edge-problems.ts). */
  refusals?: Partial<Record<400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422, string>>;
  /** An example of the route's body. */
  requestExample?: unknown;
  /** Path parameters and bodies a public handler reads itself (the route table holds a seller route's). */
  params?: z.ZodMiniType;
  /** Such a body's possible shapes, by component name. */
  bodies?: Record<string, z.ZodMiniType>;
  /** How a public route authenticates, by security scheme (none when absent). */
  security?: Array<Record<string, []>>;
}

/** What a tracking webhook answers: the event taken (200), or a tracking number no return has (202). */
const trackingAnswers = (taken: string, unknown: string): OperationDoc['answers'] => ({
  200: {
    description: taken,
    component: 'CarrierEventTaken',
    example: { status: 'accepted', returnId: RETURN_ID_EXAMPLE },
  },
  202: {
    description: unknown,
    component: 'UnknownTrackingNumber',
    example: { status: 'unknown-tracking-number' },
  },
});

const ILLEGAL =
  'Not allowed in the current status (`errors` names it), or changed by another request meanwhile';
const command = (summary: string, status: Parameters<typeof returnExample>[0], requestExample?: unknown) =>
  ({
    summary,
    tag: 'Returns',
    answers: {
      200: {
        description: 'The return after the change',
        component: 'Return',
        example: returnExample(status),
      },
    },
    refusals: { 409: ILLEGAL },
    ...(requestExample === undefined ? {} : { requestExample }),
  }) satisfies OperationDoc;

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const genericEvent = {
  eventId: 'evt_01KB62A7',
  trackingNumber: '1Z999AA10123456784',
  status: 'IN_TRANSIT',
  occurredAt: '2026-11-06T08:15:00Z',
};

const connectionDocs = (name: string, example: { body: unknown; view: unknown }) => {
  const missing = { 404: `The seller has no ${name} connection` };
  return {
    put: {
      summary: `Connect the seller's ${name} account, or replace its keys`,
      description:
        "The secrets are sealed under the region's KMS key and never shown again; a replacement keeps the connection id, so the webhook URL stays the same.",
      tag: 'Integrations',
      answers: { 200: { description: 'Connected', component: 'Connection', example: example.view } },
      requestExample: example.body,
    },
    get: {
      summary: `Read the seller's ${name} connection: its mode and webhook URL, never a secret`,
      tag: 'Integrations',
      answers: { 200: { description: 'The connection', component: 'Connection', example: example.view } },
      refusals: missing,
    },
    delete: {
      summary: `Remove the seller's ${name} connection`,
      tag: 'Integrations',
      answers: { 204: { description: 'Removed' } },
      refusals: missing,
    },
  } satisfies Record<string, OperationDoc>;
};

const stripeDocs = connectionDocs('Stripe', {
  body: { secretKey: 'rk_live_EXAMPLEonlyNotAKey0000', webhookSecret: 'whsec_EXAMPLEonlyNotASecret00' },
  view: {
    provider: 'stripe',
    connectionId: 'conn_3mJ9xq4Vb2Lr8sTe0aYcWn1u',
    mode: 'live',
    keyType: 'restricted',
    secretKeyLast4: 'x9Qa',
    webhookSecretLast4: 'Lm2P',
    webhookUrl: 'https://api.example.com/prod/v1/webhooks/payments/stripe/conn_3mJ9xq4Vb2Lr8sTe0aYcWn1u',
    createdAt: '2026-11-01T09:00:00Z',
    updatedAt: '2026-11-01T09:00:00Z',
  },
});
const easyPostDocs = connectionDocs('EasyPost', {
  body: {
    apiKey: 'EZAKexampleOnlyNotAKey0000',
    webhookSecret: 'example-only-not-a-secret',
    carrierAccounts: ['ca_8c4f2d1e9b7a4c3d'],
  },
  view: {
    provider: 'easypost',
    connectionId: 'conn_Qw7eR2tY9uI0oP3aS6dF1gH4',
    mode: 'production',
    apiKeyLast4: '7f3K',
    webhookSecretLast4: 'a8Zq',
    carrierAccounts: ['ca_8c4f2d1e9b7a4c3d'],
    webhookUrl: 'https://api.example.com/prod/v1/webhooks/labels/easypost/conn_Qw7eR2tY9uI0oP3aS6dF1gH4',
    createdAt: '2026-11-01T09:00:00Z',
    updatedAt: '2026-11-01T09:00:00Z',
  },
});

export const OPERATIONS: Record<RouteName, OperationDoc> = {
  ...CONVERSATION_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  PutStripeIntegration: stripeDocs.put,
  GetStripeIntegration: stripeDocs.get,
  DeleteStripeIntegration: stripeDocs.delete,
  PutEasyPostIntegration: easyPostDocs.put,
  GetEasyPostIntegration: easyPostDocs.get,
  DeleteEasyPostIntegration: easyPostDocs.delete,
  CreateReturn: {
    summary: 'Open a return request; the policy decides and explains',
    tag: 'Returns',
    answers: {
      201: { description: 'Opened, with the decision', component: 'Return', example: RETURN_EXAMPLE },
    },
    refusals: {
      422: 'The request does not add up (dates, a marketplace this region does not serve), or there is no policy for its marketplace',
    },
    requestExample: CREATE_RETURN_EXAMPLE,
  },
  ListReturns: {
    summary: "List the seller's returns, newest first",
    tag: 'Returns',
    answers: {
      200: {
        description: 'A page; follow `cursor` for the next',
        component: 'ReturnPage',
        example: { items: [RETURN_EXAMPLE] },
      },
    },
  },
  GetReturn: {
    summary: 'Read a return',
    tag: 'Returns',
    answers: { 200: { description: 'The return', component: 'Return', example: RETURN_EXAMPLE } },
  },
  ListReturnEvents: {
    summary: "Read a return's timeline: who did what, when and why",
    tag: 'Returns',
    answers: {
      200: {
        description: 'The timeline, oldest first',
        component: 'ReturnEvents',
        example: { id: RETURN_ID_EXAMPLE, status: RETURN_EXAMPLE.status, items: TIMELINE_EXAMPLE },
      },
    },
  },
  ListReturnNotifications: {
    summary: 'List the mails a return caused: to the buyer and to the seller',
    description:
      'Each mail once sent, oldest first: its kind, whom it went to (buyer or seller), its language, its subject and when. Bodies are not kept.',
    tag: 'Returns',
    answers: {
      200: {
        description: 'The mails sent, oldest first',
        component: 'ReturnNotifications',
        example: {
          id: RETURN_ID_EXAMPLE,
          items: [
            {
              kind: 'RETURN_AUTHORIZED',
              recipient: 'buyer',
              locale: 'en-US',
              subject: 'Your return RMA-N4Q7R-2T6V9 has been approved',
              sentAt: '2026-11-02T09:15:00.000Z',
            },
          ],
        },
      },
    },
  },
  AuthorizeReturn: command(
    'Authorize a request, optionally as a returnless refund, or resolved by a replacement',
    'AUTHORIZED',
    { returnless: true },
  ),
  CloseReturn: command('Close a request; the buyer is e-mailed the reason', 'CLOSED', {
    reason: 'OUTSIDE_RETURN_WINDOW',
    comment: 'Delivered 45 days ago; our window is 30 days.',
  }),
  CancelReturn: command("Record the buyer's cancellation; the seller is e-mailed", 'CANCELLED', {
    comment: 'The buyer decided to keep it.',
  }),
  RetryReturn: command('Re-drive a return from NEEDS_ATTENTION at the step that failed', 'LABEL_ISSUED'),
  RetryLabelVoid: {
    ...command('Try again to void an unused label whose void failed; the outcome is on the label', 'CLOSED'),
    refusals: { 409: 'The label needs no void: none was owed, or its void did not fail' },
  },
  SubmitInspection: {
    ...command('Record an inspection result; the pipeline goes on to the refund', 'INSPECTED', {
      lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }],
      disposition: 'RESTOCK',
      notes: 'Sealed, back on the shelf',
    }),
    tag: 'Refunds',
    refusals: { 409: ILLEGAL, 422: "The grades do not cover the return's SKUs" },
  },
  ApproveRefund: {
    ...command('Approve a refund above the high-value threshold', 'REFUND_IN_PROGRESS'),
    tag: 'Refunds',
  },
  RejectRefund: {
    ...command('Reject a refund; the return closes and the buyer is e-mailed why', 'CLOSED', {
      reason: 'The item came back with parts missing.',
    }),
    tag: 'Refunds',
  },
  MarkRefundPaid: {
    ...command('Mark a refund paid by hand (manual payout); the buyer is e-mailed, once', 'COMPLETED', {
      reference: 'AMZ-REFUND-112-3344',
      paidAt: '2026-11-06T13:55:00Z',
    }),
    description:
      'For a return waiting in REFUND_PENDING_PAYOUT (no Stripe connection, or no payment reference on the return). Marking the same payout again answers the return as it stands; another reference is 409.',
    tag: 'Refunds',
  },
  ShipReplacement: {
    ...command(
      'Record the replacement shipment; the return completes and the buyer is e-mailed',
      'COMPLETED',
      {
        trackingNumber: '1Z999AA10123456784',
        carrier: 'ups',
      },
    ),
    description:
      'For a return waiting in REPLACEMENT_PENDING (resolved by REPLACE). The same tracking number again answers the return as it stands; another is 409.',
    tag: 'Refunds',
  },
  RefundInstead: {
    ...command('Refund instead of a replacement that cannot be sent, once', 'REFUND_IN_PROGRESS', {
      reason: 'Out of stock until March',
    }),
    description:
      "For a return waiting in REPLACEMENT_PENDING: releases the replacement's reservation and pays the refund it is owed through the normal refund path (the seller's Stripe connection or a manual payout), under the return's payment key. Asking again answers the return as it stands.",
    tag: 'Refunds',
  },
  AddConcession: {
    summary: 'Pay a goodwill credit; refunds and credits never exceed what was paid',
    tag: 'Refunds',
    answers: {
      201: {
        description: 'Paid',
        component: 'ConcessionPaid',
        example: {
          concession: {
            concessionId: `${RETURN_ID_EXAMPLE}-concession-1`,
            amount: { amount: 500, currency: 'USD' },
            reason: 'Sorry for the wait',
            status: 'COMPLETED',
            at: '2026-11-06T14:00:00.000Z',
            providerRef: 'pay_3KQ7',
          },
          return: returnExample('AUTHORIZED'),
        },
      },
    },
    refusals: {
      409: ILLEGAL,
      422: 'More than remains to pay, another currency, or the payment provider declined it (the concession is then recorded as FAILED and nothing was paid)',
    },
    requestExample: { amount: { amount: 500, currency: 'USD' }, reason: 'Sorry for the wait' },
  },
  GetPolicy: {
    summary: 'Read the return policy of each marketplace',
    tag: 'Policy',
    answers: {
      200: {
        description: 'One policy per marketplace',
        component: 'PolicyList',
        example: { items: [STORED_POLICY_EXAMPLE] },
      },
    },
  },
  PutPolicy: {
    summary: "Replace one marketplace's policy",
    tag: 'Policy',
    answers: {
      200: { description: 'The stored policy', component: 'Policy', example: STORED_POLICY_EXAMPLE },
    },
    refusals: {
      409: 'Changed by another request meanwhile; read it again and retry',
      422: 'Breaks a rule of this region (a return window shorter than the law allows)',
    },
    requestExample: POLICY_EXAMPLE,
  },
  GetReturnAnalytics: {
    summary: "Count the seller's returns by reason, SKU or status over a range of days",
    description:
      'Served from counters kept up to date on each change of a return: per day, the returns opened by reason, the units by SKU and where they stand now; refunds and concessions paid that day; and every return by status now. A range of up to 92 days reads two counter items per day, however long the history.',
    tag: 'Analytics',
    answers: {
      200: {
        description:
          'The counts over the range, largest first, with the status counts now and the credits paid',
        component: 'ReturnAnalytics',
        example: {
          from: '2026-11-02',
          to: '2026-12-01',
          groupBy: 'reason',
          groups: [
            { key: 'DEFECTIVE', count: 12 },
            { key: 'CHANGED_MIND', count: 5 },
          ],
          statusNow: [{ key: 'AUTHORIZATION_REQUIRED', count: 3 }],
          refunds: [{ amount: 125_000, currency: 'USD' }],
          concessions: [{ amount: 1_500, currency: 'USD' }],
        },
      },
    },
    refusals: { 422: 'A range of more than 92 days, or `from` after `to`' },
  },
  GetOpenApi: {
    summary: 'Read this document',
    tag: 'Contract',
    answers: {
      200: {
        description: 'The OpenAPI 3.1 document, generated from the route table and the zod schemas',
        component: 'OpenApiDocument',
        example: { openapi: '3.1.0', info: { title: 'Returns & refunds API', version: '1.0.0' }, paths: {} },
      },
    },
  },
  StripeConnectWebhook: {
    summary: "Receive a connected account's refund event at the region's Stripe Connect platform",
    description: [
      "Where the region has a Stripe Connect platform (region config `stripeConnect`), register this URL in the platform's Stripe dashboard as a Connect endpoint for `refund.created`, `refund.updated` and `refund.failed`.",
      "Each event is verified with Stripe's own verifier against the platform's Connect webhook signing secret (`Stripe-Signature`, 300 s tolerance) before anything in it is read,",
      'then acts for the one seller whose connection names its `account`: a return of another seller is never found.',
    ].join(' '),
    tag: 'Payment webhooks',
    answers: {
      200: {
        description:
          'Taken: accepted, a duplicate, ignored (not a refund of ours, no account, or out of order), or unknown (no seller has connected the account, or no such return for it)',
        component: 'StripeEventTaken',
        example: { status: 'accepted', returnId: RETURN_ID_EXAMPLE },
      },
    },
    refusals: {
      401: 'Stripe-Signature is missing, outside the 300 s tolerance, or does not match',
      404: 'This region has no Stripe Connect platform',
      413: 'Body over 256 KB',
    },
    security: [{ stripeSignature: [] }],
  },
  StripeWebhook: {
    summary: "Receive a refund event from the seller's Stripe account",
    description: [
      'Register this URL (`webhookUrl` of GET /v1/integrations/stripe) in the Stripe dashboard for `refund.created`, `refund.updated` and `refund.failed`.',
      "Each event is verified with Stripe's own verifier against the connection's webhook signing secret (`Stripe-Signature`, 300 s tolerance) before anything in it is read.",
      'The event moves the refund forward only (pending, succeeded, failed; a refund can fail after it succeeded, which sends the return to NEEDS_ATTENTION), once per Stripe event id.',
    ].join(' '),
    tag: 'Payment webhooks',
    answers: {
      200: {
        description:
          'Taken: accepted, a duplicate, ignored (not a refund of ours, or out of order), or unknown (no such return for this connection)',
        component: 'StripeEventTaken',
        example: { status: 'accepted', returnId: RETURN_ID_EXAMPLE },
      },
    },
    refusals: {
      401: 'Stripe-Signature is missing, outside the 300 s tolerance, or does not match',
      404: 'No Stripe connection has this id',
      413: 'Body over 256 KB',
    },
    params: z.object({ connectionId: z.string() }),
    security: [{ stripeSignature: [] }],
  },
  CarrierWebhook: {
    summary: 'Receive a tracking event from a carrier',
    description: [
      `Carriers post tracking events here, each in its own format (\`{carrier}\` is one of ${Object.keys(CARRIER_FORMATS).join(', ')}).`,
      'Every request is signed with the carrier\'s secret: `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + rawBody>`,',
      'computed over the body bytes exactly as sent. The timestamp must be within 5 minutes of our clock, either way.',
      'Several `v1` values are accepted, so a carrier can sign with an old and a new secret while it rotates them.',
      "Events are de-duplicated on the carrier's event id: a resent event is answered `duplicate` and changes nothing,",
      'and an event the return is past (arriving late or out of order) is answered `ignored`, so the carrier stops resending it.',
    ].join(' '),
    tag: 'Carrier webhooks',
    answers: trackingAnswers(
      'Taken: accepted, a duplicate of one already taken, or ignored',
      'No return has this tracking number (yet); nothing changed',
    ),
    refusals: {
      400: "The body is not valid JSON, or not in the carrier's format; `errors` names each field and rule",
      401: 'X-Signature is missing, malformed, outside the 5-minute tolerance, or does not match',
      404: 'No webhook for this carrier',
      413: 'Body over 256 KB',
      415: 'Body is not application/json',
    },
    requestExample: genericEvent,
    params: z.object({ carrier: CarrierSchema }),
    bodies: Object.fromEntries(
      Object.entries(CARRIER_FORMATS).map(([carrier, format]) => [
        `${capitalized(carrier)}CarrierEvent`,
        format.schema,
      ]),
    ),
    security: [{ carrierSignature: [] }],
  },
  EasyPostWebhook: {
    summary: "Receive an EasyPost tracker event for one seller's connection",
    description: [
      'EasyPost posts `tracker.updated` events here, to the `webhookUrl` GET /v1/integrations/easypost shows.',
      'Each is signed `X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>` under the webhook secret',
      "of the connection the URL names, checked with EasyPost's own SDK before the body is read.",
      'Tracker statuses map onto tracking events (pre_transit: LABEL_CREATED, in_transit: IN_TRANSIT, out_for_delivery:',
      'OUT_FOR_DELIVERY, delivered: DELIVERED, return_to_sender, failure and the like: EXCEPTION; unknown moves nothing),',
      "de-duplicated on EasyPost's event id and never backwards; only the connection's seller's returns move.",
    ].join(' '),
    tag: 'Carrier webhooks',
    answers: trackingAnswers(
      'Taken: accepted, a duplicate, or ignored (another event, or a status that says nothing)',
      "None of the connection's seller's returns has this tracking number; nothing changed",
    ),
    refusals: {
      400: 'The body is not valid JSON, or not an EasyPost event; `errors` names each field and rule',
      401: 'X-Hmac-Signature is missing or does not match',
      404: 'No EasyPost connection has this id',
      413: 'Body over 256 KB',
      415: 'Body is not application/json',
    },
    params: z.object({ connectionId: z.string() }),
    bodies: { EasyPostEvent: EasyPostEventSchema },
    security: [{ easypostSignature: [] }],
  },
};
