/**
 * Every API route, once: the CDK stack deploys one function per route from this list and the local
 * runtime dispatches to the same modules, so the two can never drift apart.
 */
export interface ApiRoute {
  /** A stable PascalCase name: the construct id of the function and the idempotency key prefix. */
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** API Gateway resource path, with `{param}` placeholders. */
  path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  /** `seller`: behind the API-key authorizer. `public`: open (the handler authenticates, if at all). */
  auth: 'seller' | 'public';
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

export const API_ROUTES: readonly ApiRoute[] = [
  {
    name: 'CreateReturn',
    method: 'POST',
    path: '/v1/returns',
    entry: 'functions/api/create-return.ts',
    auth: 'seller',
    access: { table: 'readWrite', pipeline: 'start' },
  },
  {
    name: 'ListReturns',
    method: 'GET',
    path: '/v1/returns',
    entry: 'functions/api/list-returns.ts',
    auth: 'seller',
    access: { table: 'read' },
  },
  {
    name: 'GetReturn',
    method: 'GET',
    path: '/v1/returns/{id}',
    entry: 'functions/api/get-return.ts',
    auth: 'seller',
    access: { table: 'read' },
  },
  {
    name: 'ListReturnEvents',
    method: 'GET',
    path: '/v1/returns/{id}/events',
    entry: 'functions/api/list-return-events.ts',
    auth: 'seller',
    access: { table: 'read' },
  },
  {
    name: 'AuthorizeReturn',
    method: 'POST',
    path: '/v1/returns/{id}/authorize',
    entry: 'functions/api/authorize-return.ts',
    auth: 'seller',
    access: { table: 'readWrite', pipeline: 'start' },
  },
  {
    name: 'CloseReturn',
    method: 'POST',
    path: '/v1/returns/{id}/close',
    entry: 'functions/api/close-return.ts',
    auth: 'seller',
    access: { table: 'readWrite', sendsEmail: true, pipeline: 'callback' },
  },
  {
    name: 'CancelReturn',
    method: 'POST',
    path: '/v1/returns/{id}/cancel',
    entry: 'functions/api/cancel-return.ts',
    auth: 'seller',
    access: { table: 'readWrite', sendsEmail: true, pipeline: 'callback' },
  },
  {
    name: 'RetryReturn',
    method: 'POST',
    path: '/v1/returns/{id}/retry',
    entry: 'functions/api/retry-return.ts',
    auth: 'seller',
    access: { table: 'readWrite', pipeline: 'start' },
  },
  {
    name: 'SubmitInspection',
    method: 'POST',
    path: '/v1/returns/{id}/inspection',
    entry: 'functions/api/submit-inspection.ts',
    auth: 'seller',
    access: { table: 'readWrite', pipeline: 'callback' },
  },
  {
    name: 'ApproveRefund',
    method: 'POST',
    path: '/v1/returns/{id}/refund/approve',
    entry: 'functions/api/approve-refund.ts',
    auth: 'seller',
    access: { table: 'readWrite', pipeline: 'callback' },
  },
  {
    name: 'RejectRefund',
    method: 'POST',
    path: '/v1/returns/{id}/refund/reject',
    entry: 'functions/api/reject-refund.ts',
    auth: 'seller',
    access: { table: 'readWrite', sendsEmail: true, pipeline: 'callback' },
  },
  {
    name: 'AddConcession',
    method: 'POST',
    path: '/v1/returns/{id}/concessions',
    // The payment provider is reached through the payment port; the fake one keeps its ledger in the table.
    entry: 'functions/api/add-concession.ts',
    auth: 'seller',
    access: { table: 'readWrite' },
  },
  {
    name: 'GetPolicy',
    method: 'GET',
    path: '/v1/policy',
    entry: 'functions/api/get-policy.ts',
    auth: 'seller',
    access: { table: 'read' },
  },
  {
    name: 'PutPolicy',
    method: 'PUT',
    path: '/v1/policy',
    entry: 'functions/api/put-policy.ts',
    auth: 'seller',
    access: { table: 'readWrite' },
  },
  {
    name: 'GetOpenApi',
    method: 'GET',
    path: '/v1/openapi.json',
    entry: 'functions/api/get-openapi.ts',
    auth: 'public',
    access: {},
  },
  {
    name: 'CarrierWebhook',
    method: 'POST',
    path: '/v1/webhooks/carriers/{carrier}',
    entry: 'functions/webhooks/carrier-webhook.ts',
    auth: 'public',
    access: { table: 'readWrite', pipeline: 'callback', carrierSecrets: true },
  },
];

/** The Lambda authorizer that turns `Authorization: Bearer <apiKey>` into a sellerId. */
export const AUTHORIZER_ENTRY = 'functions/api/authorizer.ts';
