import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { EasyPostEventSchema, normalizeEasyPostEvent } from '../../domain/carriers/easypost-tracker.js';
import type { IntegrationConnection } from '../../domain/ports.js';
import { httpEdge } from '../api/http/http-edge.js';
import { HttpError } from '../api/http/http-error.js';
import { parseJsonBody, readBody } from '../api/http/request-parser.js';
import { toProxyResult } from '../api/http/responses.js';
import { connections } from '../shared/dependencies/connections.js';
import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { logger } from '../shared/observability.js';
import { onFirstUse } from '../shared/on-first-use.js';
import { recordTrackingEvent } from '../use-cases/record-tracking-event.js';

const SIGNATURE_RULE = 'must be hmac-sha256-hex=<hex HMAC-SHA256 of the raw body under the webhook secret>';

/** The connection the URL names; a deleted or made-up one is 404, like any unknown URL. */
const connectionOf = async (event: APIGatewayProxyEvent): Promise<IntegrationConnection> => {
  const connectionId = event.pathParameters?.connectionId ?? '';
  const connection = /^[\w-]{1,128}$/.test(connectionId)
    ? await connections.getById('easypost', connectionId)
    : undefined;
  if (connection?.secrets.webhookSecret && connection.secrets.apiKey) return connection;
  throw new HttpError(404, 'not-found', 'Not found', 'there is no EasyPost connection at this URL', [
    { field: 'path/connectionId', rule: 'must name an EasyPost connection (GET /v1/integrations/easypost)' },
  ]);
};

/**
 * The official SDK (with superagent), loaded on the first request that names a connection: a cold start
 * does not evaluate it, nor does a request for an unknown connection.
 */
const easyPostClient = onFirstUse(
  async () => (await import('../adapters/easypost/easypost-carrier.js')).EasyPostClient,
);

/**
 * Verifies `X-Hmac-Signature` with the SDK's own validator (which hashes the raw bytes, after EasyPost's
 * float fix-up of `weight`), under this connection's webhook secret, before anything in the body is read.
 */
const assertSigned = async (
  connection: IntegrationConnection,
  event: APIGatewayProxyEvent,
  rawBody: Buffer,
): Promise<void> => {
  const header = event.headers['x-hmac-signature'];
  const EasyPostClient = await easyPostClient();
  const client = new EasyPostClient(connection.secrets.apiKey!);
  try {
    client.Utils.validateWebhook(rawBody, { 'x-hmac-signature': header }, connection.secrets.webhookSecret!);
  } catch {
    logger.warn('EasyPost webhook signature refused', { connectionId: connection.connectionId });
    throw new HttpError(
      401,
      'invalid-signature',
      'Signature not valid',
      `X-Hmac-Signature is ${header ? 'wrong' : 'missing'}`,
      [{ field: 'x-hmac-signature', rule: SIGNATURE_RULE }],
    );
  }
};

/**
 * POST /v1/webhooks/labels/easypost/{connectionId}: EasyPost's `tracker.updated` events for one seller's
 * connection. Public; it authenticates by the signature under that connection's secret, then reads the
 * event, maps the tracker's status and records it through the carriers' own use case (de-duplicated on
 * EasyPost's event id, never backwards), confined to the connection's seller's returns. Other events and
 * statuses that say nothing are 200 `ignored`, so EasyPost stops resending them.
 */
export const handler = httpEdge(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const connection = await connectionOf(event);
  await assertSigned(connection, event, readBody(event));
  const trackingEvent = normalizeEasyPostEvent(parseJsonBody(event, EasyPostEventSchema));
  if (!trackingEvent) return toProxyResult({ status: 200, body: { status: 'ignored' } });
  const result = await recordTrackingEvent({ returns, clock, pipeline }, trackingEvent, connection.sellerId);
  const { eventId, status, trackingNumber } = trackingEvent;
  logger.info('EasyPost tracker event', { eventId, status, trackingNumber, outcome: result.outcome });
  return toProxyResult(
    result.outcome === 'unknown'
      ? { status: 202, body: { status: 'unknown-tracking-number' } }
      : { status: 200, body: { status: result.outcome, returnId: result.ret.id } },
  );
});
