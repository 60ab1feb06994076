import * as z from '../../../domain/zod.js';
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

export const TAGS = {
  Returns: 'Return requests: open, read, authorize, close, cancel, re-drive',
  Refunds: 'Inspection results, refund approvals and goodwill credits',
  Policy: "The seller's return policy per marketplace",
  'Carrier webhooks': 'Tracking events that carriers send us, signed',
  Webhooks: "Signed events we send to the seller's endpoints",
  Contract: 'This document',
} as const;

export interface Answer {
  description: string;
  component: keyof typeof ANSWER_COMPONENTS;
  example: unknown;
}

/** What the OpenAPI document says about one route, beside what the route table and the edge fix. */
export interface OperationDoc {
  summary: string;
  description?: string;
  tag: keyof typeof TAGS;
  /** The success answers, by status. */
  answers: Partial<Record<200 | 201 | 202, Answer>>;
  /** The use case's own refusals, beside those the edge gives every route of its shape (edge-problems.ts). */
  refusals?: Partial<Record<400 | 401 | 404 | 409 | 413 | 415 | 422, string>>;
  /** An example of the route's body. */
  requestExample?: unknown;
  /** Path parameters and bodies a public handler reads itself (the route table holds a seller route's). */
  params?: z.ZodMiniType;
  /** Such a body's possible shapes, by component name. */
  bodies?: Record<string, z.ZodMiniType>;
  /** How a public route authenticates, by security scheme (none when absent). */
  security?: Array<Record<string, []>>;
}

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

export const OPERATIONS: Record<RouteName, OperationDoc> = {
  ...WEBHOOK_OPERATIONS,
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
  AuthorizeReturn: command('Authorize a request, optionally as a returnless refund', 'AUTHORIZED', {
    returnless: true,
  }),
  CloseReturn: command('Close a request; the buyer is e-mailed the reason', 'CLOSED', {
    reason: 'OUTSIDE_RETURN_WINDOW',
    comment: 'Delivered 45 days ago; our window is 30 days.',
  }),
  CancelReturn: command("Record the buyer's cancellation; the seller is e-mailed", 'CANCELLED', {
    comment: 'The buyer decided to keep it.',
  }),
  RetryReturn: command('Re-drive a return from NEEDS_ATTENTION at the step that failed', 'LABEL_ISSUED'),
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
    answers: {
      200: {
        description: 'Taken: accepted, a duplicate of one already taken, or ignored',
        component: 'CarrierEventTaken',
        example: { status: 'accepted', returnId: RETURN_ID_EXAMPLE },
      },
      202: {
        description: 'No return has this tracking number (yet); nothing changed',
        component: 'UnknownTrackingNumber',
        example: { status: 'unknown-tracking-number' },
      },
    },
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
};
