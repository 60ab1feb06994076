import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import Stripe from 'stripe';
import * as z from '../../domain/zod.js';
import { connections } from '../shared/dependencies/connections.js';
import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { logger } from '../shared/observability.js';
import { httpEdge } from '../api/http/http-edge.js';
import { HttpError } from '../api/http/http-error.js';
import { readBody } from '../api/http/request-parser.js';
import { toProxyResult } from '../api/http/responses.js';
import { recordRefundEvent } from '../use-cases/record-refund-event.js';
import { REFUND_EVENT_TYPES, StripeRefundEventSchema, toRefundEvent } from './stripe-event.js';

/** Stripe's default: a signature more than 5 minutes old (or ahead) is refused. */
const TOLERANCE_SECONDS = 300;

const ConnectionIdSchema = z.string().check(z.regex(/^conn_[A-Za-z0-9_-]{10,64}$/));

const notFound = () =>
  new HttpError(404, 'not-found', 'Not found', 'there is no Stripe webhook at this URL', [
    {
      field: 'path/connectionId',
      rule: "must be a Stripe connection's id, from GET /v1/integrations/stripe",
    },
  ]);

const invalidSignature = () =>
  new HttpError(401, 'invalid-signature', 'Signature not valid', 'Stripe-Signature does not verify', [
    {
      field: 'stripe-signature',
      rule: "must be Stripe's signature of this body under the connection's webhook secret, within 300 s",
    },
  ]);

const answer = (status: string, returnId?: string): APIGatewayProxyResult =>
  toProxyResult({ status: 200, body: { status, ...(returnId ? { returnId } : {}) } });

/**
 * POST /v1/webhooks/payments/stripe/{connectionId}: Stripe reports on a refund. Public, so nothing in the
 * body is trusted before its signature is: the URL names the connection, whose webhook secret verifies
 * Stripe-Signature over the raw body with the SDK's own verifier (300 s tolerance). Only then is the
 * event parsed; the return is looked up under the connection's seller (another seller's return, named in
 * the metadata, is not found), and the use case moves the refund. Stripe resends anything but a 2xx, so
 * an event we do not act on is a 200 too (`ignored`, `duplicate`, `unknown`).
 */
export const handler = httpEdge(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const connectionId = ConnectionIdSchema.safeParse(event.pathParameters?.connectionId);
  if (!connectionId.success) throw notFound();
  const connection = await connections.getById('stripe', connectionId.data);
  const secret = connection?.secrets.webhookSecret;
  if (!connection || !secret) throw notFound();
  logger.appendKeys({ sellerId: connection.sellerId });

  let verified: unknown;
  try {
    verified = Stripe.webhooks.constructEvent(
      readBody(event),
      event.headers['stripe-signature'] ?? '',
      secret,
      TOLERANCE_SECONDS,
      undefined,
      clock.now().getTime(),
    );
  } catch (error) {
    if (error instanceof HttpError) throw error;
    logger.warn('Stripe webhook signature refused');
    throw invalidSignature();
  }

  const type = (verified as { type?: unknown }).type;
  if (!(REFUND_EVENT_TYPES as readonly unknown[]).includes(type)) return answer('ignored');
  const parsed = StripeRefundEventSchema.safeParse(verified);
  if (!parsed.success || parsed.data.data.object.metadata.kind !== 'REFUND') {
    logger.warn('Stripe event not about one of our refunds', { type: String(type) });
    return answer('ignored');
  }
  const refundEvent = toRefundEvent(parsed.data, connection.sellerId);
  const result = await recordRefundEvent({ returns, clock, pipeline }, refundEvent);
  logger.info('Stripe refund event', {
    eventId: refundEvent.eventId,
    returnId: refundEvent.returnId,
    status: refundEvent.status,
    outcome: result.outcome,
  });
  return answer(result.outcome, result.ret?.id);
});
