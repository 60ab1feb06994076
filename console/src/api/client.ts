import createClient from 'openapi-fetch';
import { session } from '../session.js';
import type { components, paths } from './openapi.gen.js';

export type Schemas = components['schemas'];
export type ReturnView = Schemas['Return'];
export type Problem = Schemas['Problem'];
export type StoredPolicy = Schemas['Policy'];
export type TimelineEntry = Schemas['TimelineEntry'];

/**
 * The API, typed from our OpenAPI document (openapi.gen.ts, generated at build), on the console's own
 * origin: CloudFront and the local gateway both serve `/v1/*` beside the console, so there is no CORS.
 */
export const api = createClient<paths>({ baseUrl: location.origin });

api.use({
  onRequest: ({ request }) => {
    const apiKey = session.apiKey();
    if (apiKey) request.headers.set('authorization', `Bearer ${apiKey}`);
    return request;
  },
  onResponse: ({ response }) => {
    // Only a kept key can be refused; the sign-in page checks a new one itself.
    if (response.status === 401 && session.apiKey() !== null) session.end('refused');
    return response;
  },
});

/** A fresh Idempotency-Key per action, so a resent click is done once. */
export const idempotencyKey = (): { 'Idempotency-Key': string } => ({
  'Idempotency-Key': crypto.randomUUID(),
});

/** The problem+json of a refused call, whatever operation answered it. */
export const problemOf = (error: unknown): Problem | undefined =>
  typeof error === 'object' && error !== null && 'type' in error && 'status' in error
    ? (error as Problem)
    : undefined;
