import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../domain/zod.js';
import { readStripePlatform } from '../adapters/stripe/platform-secret.js';
import { connections } from '../shared/dependencies/connections.js';
import { logger } from '../shared/observability.js';
import { httpEdge } from '../api/http/http-edge.js';
import { HttpError } from '../api/http/http-error.js';
import { actOnStripeEvent, answer, verifyStripeEvent } from './stripe-event-delivery.js';

/** The connected account a Connect event is about; a platform's own event has none. */
const ConnectEventSchema = z.object({ account: z.string().check(z.regex(/^acct_[A-Za-z0-9]{8,64}$/)) });

const noPlatform = () =>
  new HttpError(404, 'not-found', 'Not found', 'this region has no Stripe Connect platform', [
    { field: 'path', rule: 'takes events only where the region config sets stripeConnect' },
  ]);

/**
 * POST /v1/webhooks/payments/stripe/connect: the region's Connect platform endpoint, which Stripe sends
 * every connected account's events to, each naming its `account`. Stripe-Signature is verified with the
 * platform's Connect webhook secret (Secrets Manager) before anything in the body is read; then the
 * account is looked up in the account directory, and the event acts for that seller only: a return of
 * another seller's named in the metadata is not found. An account no seller has connected is `unknown`.
 */
export const handler = httpEdge(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const platform = await readStripePlatform();
  if (!platform) throw noPlatform();
  const verified = await verifyStripeEvent(event, platform.webhookSecret, "the Connect platform's");
  const account = ConnectEventSchema.safeParse(verified);
  if (!account.success) return answer('ignored');
  const connection = await connections.getByAccount('stripe', account.data.account);
  if (!connection) {
    logger.warn('Stripe Connect event for an account no seller has connected');
    return answer('unknown');
  }
  logger.appendKeys({ sellerId: connection.sellerId });
  return actOnStripeEvent(verified, connection.sellerId);
});
