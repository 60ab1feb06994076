import type * as z from '../../domain/zod.js';
import {
  AuthorizeBodySchema,
  CancelBodySchema,
  CloseBodySchema,
  ConcessionBodySchema,
  InspectionBodySchema,
  MarkPaidBodySchema,
  ListReturnsQuerySchema,
  PolicyBodySchema,
  RejectRefundBodySchema,
  ReturnIdParamsSchema,
} from '../../domain/api-schemas.js';
import { CreateReturnSchema } from '../../domain/return-request.js';
import { ListEventsQuerySchema } from '../../domain/events/event-feed.js';
import {
  CreateWebhookEndpointBodySchema,
  WebhookDeliveryParamsSchema,
  WebhookEndpointIdParamsSchema,
} from '../../domain/webhooks/webhook-endpoint.js';
import {
  EasyPostConnectionBodySchema,
  StripeConnectionBodySchema,
  WEBHOOK_PATHS,
} from '../../domain/integrations.js';
import { AnalyticsQuerySchema } from '../../domain/return-analytics.js';
import { RefundInsteadBodySchema, ReplacementShippedBodySchema } from '../../domain/replacement.js';
import {
  MessageBodySchema,
  OfferBodySchema,
  OfferParamsSchema,
} from '../../domain/conversation-api-schemas.js';

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
  /** The route answers server-rendered HTML pages (the buyer's links), not JSON. */
  html?: true;
  /** Path parameters, query and body of a seller endpoint, as its edge parses them. */
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** `required: false` lets a POST come without a body (it then parses `{}`). */
  body?: { schema: z.ZodMiniType; required: boolean };
  /** What the function may do, and nothing more: the stack grants exactly this. */
  access: {
    table?: 'read' | 'readWrite';
    /** `start`: starts pipeline runs. `callback`: resumes a task waiting for its token. Or both. */
    pipeline?: 'start' | 'callback' | 'startAndCallback';
    /** Reads the carriers' webhook signing secrets. */
    carrierSecrets?: boolean;
    /**
     * Sellers' connection secrets and webhook signing secrets, under the region's KMS key: `seal`
     * encrypts, `open` decrypts; `sealAndOpen` both (a route that shows a new secret once seals it, and
     * its keyed answer, which a retry opens).
     */
    connectionSecrets?: 'seal' | 'open' | 'sealAndOpen';
    /**
     * The region's Stripe Connect platform secret (where the region config has one): `read` may read it
     * (pays through it or verifies its webhook); `known` is only told that there is one.
     */
    stripePlatform?: 'read' | 'known';
    /**
     * The buyer links' HMAC key in KMS: `verify` checks links (VerifyMac). No route mints one: the mails
     * that carry them go from the outbox, whose functions sign (infra/constructs/event-dispatch.ts).
     */
    linkSigning?: 'verify';
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
  ListReturnNotifications: {
    method: 'GET',
    path: '/v1/returns/{id}/notifications',
    entry: 'functions/api/list-return-notifications.ts',
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
    access: { table: 'readWrite', pipeline: 'callback', connectionSecrets: 'open' },
  },
  CancelReturn: {
    method: 'POST',
    path: '/v1/returns/{id}/cancel',
    entry: 'functions/api/cancel-return.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: CancelBodySchema, required: false },
    access: { table: 'readWrite', pipeline: 'callback', connectionSecrets: 'open' },
  },
  RetryReturn: {
    method: 'POST',
    path: '/v1/returns/{id}/retry',
    entry: 'functions/api/retry-return.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    access: { table: 'readWrite', pipeline: 'start' },
  },
  RetryLabelVoid: {
    method: 'POST',
    path: '/v1/returns/{id}/label/void',
    entry: 'functions/api/retry-label-void.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    access: { table: 'readWrite', connectionSecrets: 'open' },
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
  MarkRefundPaid: {
    method: 'POST',
    path: '/v1/returns/{id}/refund/mark-paid',
    entry: 'functions/api/mark-refund-paid.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: MarkPaidBodySchema, required: true },
    access: { table: 'readWrite', pipeline: 'callback' },
  },
  ShipReplacement: {
    method: 'POST',
    path: '/v1/returns/{id}/replacement/shipped',
    entry: 'functions/api/ship-replacement.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: ReplacementShippedBodySchema, required: true },
    access: { table: 'readWrite' },
  },
  RefundInstead: {
    method: 'POST',
    path: '/v1/returns/{id}/replacement/refund',
    // Starts the run that pays it at IssueRefund.
    entry: 'functions/api/refund-instead.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: RefundInsteadBodySchema, required: false },
    access: { table: 'readWrite', pipeline: 'start' },
  },
  AddConcession: {
    method: 'POST',
    path: '/v1/returns/{id}/concessions',
    // Paid through the seller's Stripe connection (its key opened), or by hand.
    entry: 'functions/api/add-concession.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: ConcessionBodySchema, required: true },
    access: { table: 'readWrite', connectionSecrets: 'open', stripePlatform: 'read' },
  },
  PostMessage: {
    method: 'POST',
    path: '/v1/returns/{id}/messages',
    entry: 'functions/api/conversation/post-message.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: MessageBodySchema, required: true },
    access: { table: 'readWrite' },
  },
  ListMessages: {
    method: 'GET',
    path: '/v1/returns/{id}/messages',
    entry: 'functions/api/conversation/list-messages.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    access: { table: 'read' },
  },
  MakeOffer: {
    method: 'POST',
    path: '/v1/returns/{id}/offers',
    entry: 'functions/api/conversation/make-offer.ts',
    auth: 'seller',
    params: ReturnIdParamsSchema,
    body: { schema: OfferBodySchema, required: true },
    access: { table: 'readWrite' },
  },
  WithdrawOffer: {
    method: 'POST',
    path: '/v1/returns/{id}/offers/{offerId}/withdraw',
    entry: 'functions/api/conversation/withdraw-offer.ts',
    auth: 'seller',
    params: OfferParamsSchema,
    access: { table: 'readWrite' },
  },
  AcceptOffer: {
    method: 'POST',
    path: '/v1/returns/{id}/offers/{offerId}/accept',
    // A keepItem offer lets the carrier wait go, starts the refund's run and voids the label (EasyPost).
    entry: 'functions/api/conversation/accept-offer.ts',
    auth: 'seller',
    params: OfferParamsSchema,
    access: {
      table: 'readWrite',
      pipeline: 'startAndCallback',
      connectionSecrets: 'open',
    },
  },
  DeclineOffer: {
    method: 'POST',
    path: '/v1/returns/{id}/offers/{offerId}/decline',
    entry: 'functions/api/conversation/decline-offer.ts',
    auth: 'seller',
    params: OfferParamsSchema,
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
  PutStripeIntegration: {
    method: 'PUT',
    path: '/v1/integrations/stripe',
    entry: 'functions/api/integrations/put-stripe-integration.ts',
    auth: 'seller',
    body: { schema: StripeConnectionBodySchema, required: true },
    // An accountId is taken only where the region has a Connect platform.
    access: { table: 'readWrite', connectionSecrets: 'seal', stripePlatform: 'known' },
  },
  GetStripeIntegration: {
    method: 'GET',
    path: '/v1/integrations/stripe',
    entry: 'functions/api/integrations/get-stripe-integration.ts',
    auth: 'seller',
    access: { table: 'read' },
  },
  DeleteStripeIntegration: {
    method: 'DELETE',
    path: '/v1/integrations/stripe',
    entry: 'functions/api/integrations/delete-stripe-integration.ts',
    auth: 'seller',
    access: { table: 'readWrite' },
  },
  PutEasyPostIntegration: {
    method: 'PUT',
    path: '/v1/integrations/easypost',
    entry: 'functions/api/integrations/put-easypost-integration.ts',
    auth: 'seller',
    body: { schema: EasyPostConnectionBodySchema, required: true },
    access: { table: 'readWrite', connectionSecrets: 'seal' },
  },
  GetEasyPostIntegration: {
    method: 'GET',
    path: '/v1/integrations/easypost',
    entry: 'functions/api/integrations/get-easypost-integration.ts',
    auth: 'seller',
    access: { table: 'read' },
  },
  DeleteEasyPostIntegration: {
    method: 'DELETE',
    path: '/v1/integrations/easypost',
    entry: 'functions/api/integrations/delete-easypost-integration.ts',
    auth: 'seller',
    access: { table: 'readWrite' },
  },
  GetReturnAnalytics: {
    method: 'GET',
    path: '/v1/analytics/returns',
    entry: 'functions/api/get-return-analytics.ts',
    auth: 'seller',
    query: AnalyticsQuerySchema,
    access: { table: 'read' },
  },
  GetOpenApi: {
    method: 'GET',
    path: '/v1/openapi.json',
    entry: 'functions/api/get-openapi.ts',
    auth: 'public',
    access: {},
  },
  StripeConnectWebhook: {
    method: 'POST',
    path: `${WEBHOOK_PATHS.stripe}/connect`,
    entry: 'functions/webhooks/stripe-connect-webhook.ts',
    auth: 'public',
    access: { table: 'readWrite', pipeline: 'callback', stripePlatform: 'read' },
  },
  StripeWebhook: {
    method: 'POST',
    path: `${WEBHOOK_PATHS.stripe}/{connectionId}`,
    entry: 'functions/webhooks/stripe-webhook.ts',
    auth: 'public',
    access: { table: 'readWrite', pipeline: 'callback', connectionSecrets: 'open' },
  },
  CreateWebhookEndpoint: {
    method: 'POST',
    path: '/v1/webhook-endpoints',
    entry: 'functions/api/create-webhook-endpoint.ts',
    auth: 'seller',
    body: { schema: CreateWebhookEndpointBodySchema, required: true },
    access: { table: 'readWrite', connectionSecrets: 'sealAndOpen' },
  },
  ListEvents: {
    method: 'GET',
    path: '/v1/events',
    entry: 'functions/api/list-events.ts',
    auth: 'seller',
    query: ListEventsQuerySchema,
    access: { table: 'read' },
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
    access: { table: 'readWrite', connectionSecrets: 'sealAndOpen' },
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
  EasyPostWebhook: {
    method: 'POST',
    path: '/v1/webhooks/labels/easypost/{connectionId}',
    entry: 'functions/webhooks/easypost-webhook.ts',
    auth: 'public',
    access: { table: 'readWrite', pipeline: 'callback', connectionSecrets: 'open' },
  },
  // The buyer's pages: no API key, the signed link is the only authority (functions/buyer/).
  BuyerLinkPage: {
    method: 'GET',
    path: '/v1/buyer/links',
    entry: 'functions/buyer/buyer-link.ts',
    auth: 'public',
    html: true,
    access: { table: 'read', linkSigning: 'verify' },
  },
  BuyerLinkAnswer: {
    method: 'POST',
    path: '/v1/buyer/links',
    entry: 'functions/buyer/buyer-link.ts',
    auth: 'public',
    html: true,
    access: {
      table: 'readWrite',
      pipeline: 'startAndCallback',
      connectionSecrets: 'open',
      linkSigning: 'verify',
    },
  },
});

export type RouteName = keyof typeof ROUTES;

export const API_ROUTES: readonly ApiRoute[] = Object.values(ROUTES);

/** The Lambda authorizer that turns `Authorization: Bearer <apiKey>` into a sellerId. */
export const AUTHORIZER_ENTRY = 'functions/api/authorizer.ts';
