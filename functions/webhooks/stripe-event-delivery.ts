import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { logger } from '../shared/observability.js';
import { onFirstUse } from '../shared/on-first-use.js';
import { HttpError } from '../api/http/http-error.js';
import { readBody } from '../api/http/request-parser.js';
import { toProxyResult } from '../api/http/responses.js';
import { recordRefundEvent } from '../use-cases/record-refund-event.js';
import { REFUND_EVENT_TYPES, StripeRefundEventSchema, toRefundEvent } from './stripe-event.js';

/**
 * What both Stripe webhooks (a seller's own endpoint, and the Connect platform's) do once they know
 * which secret signs their events: verify, then act for one seller.
 */

/** Stripe's default: a signature more than 5 minutes old (or ahead) is refused. */
const TOLERANCE_SECONDS = 300;

const invalidSignature = (whose: string) =>
  new HttpError(401, 'invalid-signature', 'Signature not valid', 'Stripe-Signature does not verify', [
    {
      field: 'stripe-signature',
      rule: `must be Stripe's signature of this body under ${whose} webhook secret, within 300 s`,
    },
  ]);

/**
 * The official SDK, for its verifier, loaded on the first event that names a known secret: its module
 * (about 250 KB) is not evaluated at a cold start, nor for a request refused before verification.
 */
const stripeSdk = onFirstUse(async () => (await import('stripe')).default);

/** The event, once Stripe-Signature verifies over the raw body with the SDK's own verifier; else a 401. */
export const verifyStripeEvent = async (
  event: APIGatewayProxyEvent,
  secret: string,
  whose: string,
): Promise<unknown> => {
  const Stripe = await stripeSdk();
  try {
    return Stripe.webhooks.constructEvent(
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
    throw invalidSignature(whose);
  }
};

/** Stripe resends anything but a 2xx, so an event we do not act on is a 200 too. */
export const answer = (status: string, returnId?: string): APIGatewayProxyResult =>
  toProxyResult({ status: 200, body: { status, ...(returnId ? { returnId } : {}) } });

/**
 * A verified event, for `sellerId`'s returns only: a refund event of one of our refunds moves it (the
 * return is looked up under that seller, so another seller's return named in the metadata is not
 * found); anything else is `ignored`.
 */
export const actOnStripeEvent = async (
  verified: unknown,
  sellerId: string,
): Promise<APIGatewayProxyResult> => {
  const type = (verified as { type?: unknown }).type;
  if (!(REFUND_EVENT_TYPES as readonly unknown[]).includes(type)) return answer('ignored');
  const parsed = StripeRefundEventSchema.safeParse(verified);
  if (!parsed.success || parsed.data.data.object.metadata.kind !== 'REFUND') {
    logger.warn('Stripe event not about one of our refunds', { type: String(type) });
    return answer('ignored');
  }
  const refundEvent = toRefundEvent(parsed.data, sellerId);
  const result = await recordRefundEvent({ returns, clock, pipeline }, refundEvent);
  logger.info('Stripe refund event', {
    eventId: refundEvent.eventId,
    returnId: refundEvent.returnId,
    status: refundEvent.status,
    outcome: result.outcome,
  });
  return answer(result.outcome, result.ret?.id);
};
