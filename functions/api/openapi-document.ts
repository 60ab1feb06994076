import * as z from '../../domain/zod.js';
import {
  AuthorizeBodySchema,
  CancelBodySchema,
  CloseBodySchema,
  ConcessionBodySchema,
  InspectionBodySchema,
  ListReturnsQuerySchema,
  PolicyBodySchema,
  RejectRefundBodySchema,
} from '../../domain/api-schemas.js';
import { CreateReturnSchema } from '../../domain/return-request.js';
import { ConcessionSchema, ReturnSchema, TimelineEntrySchema } from '../../domain/return.js';
import { PolicySchema } from '../../domain/policy.js';

const schema = (s: z.ZodMiniType) =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const ReturnViewSchema = z.omit(ReturnSchema, { sellerId: true, timeline: true, pipeline: true });
const StoredPolicySchema = z.extend(PolicySchema, {
  sellerId: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const json = (description: string, body: object) => ({
  description,
  content: { 'application/json': { schema: body } },
});
const errors = {
  '400': problem('The request is malformed; `errors` names each field and rule'),
  '401': problem('Missing, malformed, unknown or revoked API key'),
  '404': problem('No such return for this seller'),
  '409': problem('Not allowed in the current status, or a concurrent change'),
  '413': problem('Body over 256 KB'),
  '415': problem('Body is not application/json'),
  '422': problem('Breaks a business rule, or an Idempotency-Key reused for another request'),
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Same key and body within 24 h: the first response again, nothing written twice',
  schema: { type: 'string', maxLength: 255 },
};
const body = (s: object, required = true) => ({ required, content: { 'application/json': { schema: s } } });
const command = (summary: string, requestBody: object, required: boolean) => ({
  post: {
    summary,
    parameters: [idParam, idempotencyKey],
    requestBody: body(requestBody, required),
    responses: { '200': json('The return after the change', ref('Return')), ...errors },
  },
});

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Returns & refunds API', version: '1.0.0' },
  components: {
    securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'rk_<keyId>_<secret>' } },
    schemas: {
      CreateReturn: schema(CreateReturnSchema),
      Return: schema(ReturnViewSchema),
      TimelineEntry: schema(TimelineEntrySchema),
      Authorize: schema(AuthorizeBodySchema),
      Close: schema(CloseBodySchema),
      Cancel: schema(CancelBodySchema),
      Inspection: schema(InspectionBodySchema),
      RejectRefund: schema(RejectRefundBodySchema),
      ConcessionInput: schema(ConcessionBodySchema),
      Concession: schema(ConcessionSchema),
      PolicyInput: schema(PolicyBodySchema),
      Policy: schema(StoredPolicySchema),
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          errors: {
            type: 'array',
            items: { type: 'object', properties: { field: { type: 'string' }, rule: { type: 'string' } } },
          },
        },
      },
    },
  },
  security: [{ apiKey: [] }],
  paths: {
    '/v1/returns': {
      post: {
        summary: 'Open a return request; the policy decides and explains',
        parameters: [idempotencyKey],
        requestBody: body(ref('CreateReturn')),
        responses: { '201': json('Created', ref('Return')), ...errors },
      },
      get: {
        summary: "List the seller's returns, newest first",
        parameters: Object.entries(schema(ListReturnsQuerySchema).properties ?? {}).map(([name, s]) => ({
          name,
          in: 'query',
          required: false,
          schema: s,
        })),
        responses: {
          '200': json('A page', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('Return') }, cursor: { type: 'string' } },
          }),
          ...errors,
        },
      },
    },
    '/v1/returns/{id}': {
      get: {
        summary: 'Read a return',
        parameters: [idParam],
        responses: { '200': json('The return', ref('Return')), ...errors },
      },
    },
    '/v1/returns/{id}/events': {
      get: {
        summary: "The return's timeline",
        parameters: [idParam],
        responses: {
          '200': json('Timeline', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('TimelineEntry') } },
          }),
          ...errors,
        },
      },
    },
    '/v1/returns/{id}/authorize': command('Authorize a request', ref('Authorize'), false),
    '/v1/returns/{id}/close': command(
      'Close a request; the buyer is e-mailed the reason',
      ref('Close'),
      true,
    ),
    '/v1/returns/{id}/cancel': command(
      "Record the buyer's cancellation; the seller is e-mailed",
      ref('Cancel'),
      false,
    ),
    '/v1/returns/{id}/retry': command(
      'Re-drive a return from NEEDS_ATTENTION at the step that failed',
      { type: 'object', additionalProperties: false },
      false,
    ),
    '/v1/returns/{id}/inspection': {
      post: {
        summary: 'Queue an inspection result (grades, disposition); the pipeline goes on to the refund',
        parameters: [idParam, idempotencyKey],
        requestBody: body(ref('Inspection')),
        responses: {
          '202': json('Queued', {
            type: 'object',
            properties: {
              returnId: { type: 'string' },
              messageId: { type: 'string' },
              status: { const: 'QUEUED' },
            },
          }),
          ...errors,
        },
      },
    },
    '/v1/returns/{id}/refund/approve': command(
      'Approve a refund above the high-value threshold',
      { type: 'object', additionalProperties: false },
      false,
    ),
    '/v1/returns/{id}/refund/reject': command(
      'Reject a refund; the return closes and the buyer is e-mailed the reason',
      ref('RejectRefund'),
      true,
    ),
    '/v1/returns/{id}/concessions': {
      post: {
        summary: 'Pay a goodwill credit; refunds and concessions never exceed what was paid',
        parameters: [idParam, idempotencyKey],
        requestBody: body(ref('ConcessionInput')),
        responses: {
          '201': json('Paid', {
            type: 'object',
            properties: { concession: ref('Concession'), return: ref('Return') },
          }),
          ...errors,
        },
      },
    },
    '/v1/policy': {
      get: {
        summary: 'The return policy per marketplace',
        responses: {
          '200': json('Policies', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('Policy') } },
          }),
          ...errors,
        },
      },
      put: {
        summary: "Replace one marketplace's policy",
        requestBody: body(ref('PolicyInput')),
        responses: { '200': json('The stored policy', ref('Policy')), ...errors },
      },
    },
  },
};
