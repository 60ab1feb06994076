import type * as z from '../../domain/zod.js';
import {
  AuthorizeBodySchema,
  CancelBodySchema,
  CloseBodySchema,
  ConcessionBodySchema,
  InspectionBodySchema,
  ListReturnsQuerySchema,
  PolicyBodySchema,
  RejectRefundBodySchema,
  ReturnIdParamsSchema,
} from '../../domain/api-schemas.js';
import { CreateReturnSchema } from '../../domain/return-request.js';
import {
  CreateWebhookEndpointBodySchema,
  WebhookDeliveryParamsSchema,
  WebhookEndpointIdParamsSchema,
} from '../../domain/webhooks/webhook-endpoint.js';

/**
 * Every API route, once, by name. The CDK stack deploys one function per route from this table, the
 * local runtime dispatches to the same modules, a seller endpoint parses its request with the schemas
 * here, and the OpenAPI document is generated from it: none of them can drift from another. Pure data
 * (no CDK), so handler bundles may hold it.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway resource path, with `{param}` placeholders. */
  path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  /** `seller`: behind the API-key authorizer. `public`: open (the handler authenticates, if at all). */
  auth: 'seller' | 'public';
  /** Path parameters, query and body of a seller endpoint, as its edge parses them. */
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** `required: false` lets a POST come without a body (it then parses `{}`). */
  body?: { schema: z.ZodMiniType; required: boolean };
  /** What the function may do, and nothing more: the stack grants exactly this. */
  access: {
    table?: 'read' | 'readWrite';
    sendsEmail?: boolean;
    /** `start`: starts pipeline runs. `callback`: resumes a task waiting for its token. */
    pipeline?: 'start' | 'callback';
    /** Reads the carriers' webhook signing secrets. */
    carrierSecrets?: boolean;
  };
}

/** A route with its name: the construct id of its function, its operationId and its idempotency prefix. */
export type ApiRoute = RouteSpec & { name: string };

const named = <T extends Record<string, RouteSpec>>(table: T) =>
  Object.fromEntries(Object.entries(table).map(([name, spec]) => [name, { name, ...spec }])) as {
    [K in keyof T & string]: T[K] & { name: K };
  };

export const ROUTES = named({
  CreateReturn: {
    method: 'POST',
    path: '/v1/returns',
    entry: 'functions/api/create-return.ts',
    auth: 'seller',
    body: { schema: CreateReturnSchema, required: true },
    access: { table: 'readWrite', pipeline: 'start' },
  },
  ListReturns: {
    method: 'GET',
    path: '/v1/returns',
    entry: 'functions/api/list-returns.ts',
    auth: 'seller',
    query: ListReturnsQuerySchema,
    access: { table: 'read' },
  },
  GetReturn: {
    method: 'GET',
    path: '/v1/returns/{id}',
    entry: 'functions/api/get-return.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    access: { table: 'read' },
  },
  ListReturnEvents: {
    method: 'GET',
    path: '/v1/returns/{id}/events',
    entry: 'functions/api/list-return-events.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    access: { table: 'read' },
  },
  AuthorizeReturn: {
    method: 'POST',
    path: '/v1/returns/{id}/authorize',
    entry: 'functions/api/authorize-return.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: AuthorizeBodySchema, required: false },
    access: { table: 'readWrite', pipeline: 'start' },
  },
  CloseReturn: {
    method: 'POST',
    path: '/v1/returns/{id}/close',
    entry: 'functions/api/close-return.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: CloseBodySchema, required: true },
    access: { table: 'readWrite', pipeline: 'callback' },
  },
  CancelReturn: {
    method: 'POST',
    path: '/v1/returns/{id}/cancel',
    entry: 'functions/api/cancel-return.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: CancelBodySchema, required: false },
    access: { table: 'readWrite', pipeline: 'callback' },
  },
  RetryReturn: {
    method: 'POST',
    path: '/v1/returns/{id}/retry',
    entry: 'functions/api/retry-return.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    access: { table: 'readWrite', pipeline: 'start' },
  },
  SubmitInspection: {
    method: 'POST',
    path: '/v1/returns/{id}/inspection',
    entry: 'functions/api/submit-inspection.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: InspectionBodySchema, required: true },
    access: { table: 'readWrite', pipeline: 'callback' },
  },
  ApproveRefund: {
    method: 'POST',
    path: '/v1/returns/{id}/refund/approve',
    entry: 'functions/api/approve-refund.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    access: { table: 'readWrite', pipeline: 'callback' },
  },
  RejectRefund: {
    method: 'POST',
    path: '/v1/returns/{id}/refund/reject',
    entry: 'functions/api/reject-refund.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: RejectRefundBodySchema, required: true },
    access: { table: 'readWrite', pipeline: 'callback' },
  },
  AddConcession: {
    method: 'POST',
    path: '/v1/returns/{id}/concessions',
    // The payment provider is reached through the payment port; the fake one keeps its ledger in the table.
    entry: 'functions/api/add-concession.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: ConcessionBodySchema, required: true },
    access: { table: 'readWrite' },
  },
  GetPolicy: {
    method: 'GET',
    path: '/v1/policy',
    entry: 'functions/api/get-policy.ts',
    auth: 'seller',
    access: { table: 'read' },
  },
  PutPolicy: {
    method: 'PUT',
    path: '/v1/policy',
    entry: 'functions/api/put-policy.ts',
    auth: 'seller',
    body: { schema: PolicyBodySchema, required: true },
    access: { table: 'readWrite' },
  },
  GetOpenApi: {
    method: 'GET',
    path: '/v1/openapi.json',
    entry: 'functions/api/get-openapi.ts',
    auth: 'public',
    access: {},
  },
  CreateWebhookEndpoint: {
    method: 'POST',
    path: '/v1/webhook-endpoints',
    entry: 'functions/api/create-webhook-endpoint.ts',
    auth: 'seller',
    body: { schema: CreateWebhookEndpointBodySchema, required: true },
    access: { table: 'readWrite' },
  },
  ListWebhookEndpoints: {
    method: 'GET',
    path: '/v1/webhook-endpoints',
    entry: 'functions/api/list-webhook-endpoints.ts',
    auth: 'seller',
    access: { table: 'read' },
  },
  DeleteWebhookEndpoint: {
    method: 'DELETE',
    path: '/v1/webhook-endpoints/{id}',
    entry: 'functions/api/delete-webhook-endpoint.ts',
    auth: 'seller',
    params: WebhookEndpointIdParamsSchema,
    access: { table: 'readWrite' },
  },
  RotateWebhookSecret: {
    method: 'POST',
    path: '/v1/webhook-endpoints/{id}/rotate-secret',
    entry: 'functions/api/rotate-webhook-secret.ts',
    auth: 'seller',
    params: WebhookEndpointIdParamsSchema,
    access: { table: 'readWrite' },
  },
  ListWebhookDeliveries: {
    method: 'GET',
    path: '/v1/webhook-endpoints/{id}/deliveries',
    entry: 'functions/api/list-webhook-deliveries.ts',
    auth: 'seller',
    params: WebhookEndpointIdParamsSchema,
    access: { table: 'read' },
  },
  RetryWebhookDelivery: {
    method: 'POST',
    path: '/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry',
    entry: 'functions/api/retry-webhook-delivery.ts',
    auth: 'seller',
    params: WebhookDeliveryParamsSchema,
    access: { table: 'readWrite' },
  },
  CarrierWebhook: {
    method: 'POST',
    path: '/v1/webhooks/carriers/{carrier}',
    entry: 'functions/webhooks/carrier-webhook.ts',
    auth: 'public',
    access: { table: 'readWrite', pipeline: 'callback', carrierSecrets: true },
  },
});

export type RouteName = keyof typeof ROUTES;

export const API_ROUTES: readonly ApiRoute[] = Object.values(ROUTES);

/** The Lambda authorizer that turns `Authorization: Bearer <apiKey>` into a sellerId. */
export const AUTHORIZER_ENTRY = 'functions/api/authorizer.ts';
