import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../domain/zod.js';
import { connections } from '../shared/dependencies/connections.js';
import { logger } from '../shared/observability.js';
import { httpEdge } from '../api/http/http-edge.js';
import { HttpError } from '../api/http/http-error.js';
import { actOnStripeEvent, verifyStripeEvent } from './stripe-event-delivery.js';

const ConnectionIdSchema = z.string().check(z.regex(/^conn_[A-Za-z0-9_-]{10,64}$/));

const notFound = () =>
  new HttpError(404, 'not-found', 'Not found', 'there is no Stripe webhook at this URL', [
    {
      field: 'path/connectionId',
      rule: "must be a Stripe connection's id, from GET /v1/integrations/stripe",
    },
  ]);

/**
 * POST /v1/webhooks/payments/stripe/{connectionId}: Stripe reports on a refund. Public, so nothing in the
 * body is trusted before its signature is: the URL names the connection, whose webhook secret verifies
 * Stripe-Signature over the raw body with the SDK's own verifier (300 s tolerance). Only then is the
 * event parsed and acted on for the connection's seller (stripe-event-delivery.ts): `accepted`,
 * `ignored`, `duplicate` or `unknown`, all 200s.
 */
export const handler = httpEdge(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const connectionId = ConnectionIdSchema.safeParse(event.pathParameters?.connectionId);
  if (!connectionId.success) throw notFound();
  const connection = await connections.getById('stripe', connectionId.data);
  const secret = connection?.secrets.webhookSecret;
  if (!connection || !secret) throw notFound();
  logger.appendKeys({ sellerId: connection.sellerId });
  const verified = await verifyStripeEvent(event, secret, "the connection's");
  return actOnStripeEvent(verified, connection.sellerId);
});
