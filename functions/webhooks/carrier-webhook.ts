import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CARRIER_FORMATS, CARRIERS, CarrierSchema, type Carrier } from '../../domain/carriers/carriers.js';
import { carrierSecrets } from '../shared/dependencies/carrier-secrets.js';
import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { logger } from '../shared/observability.js';
import { httpEdge } from '../api/http/http-edge.js';
import { HttpError } from '../api/http/http-error.js';
import { parseJsonBody, readBody } from '../api/http/request-parser.js';
import { toProxyResult, type JsonResult } from '../api/http/responses.js';
import { recordTrackingEvent, type RecordTrackingEventResult } from '../use-cases/record-tracking-event.js';
import { verifySignature, type SignatureFailure } from './signature.js';

const SIGNATURE_RULES: Record<SignatureFailure, string> = {
  missing: 'is required: t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + body>',
  malformed: 'must be t=<unix seconds>,v1=<64 hex digits>[,v1=...]',
  expired: 'must carry a timestamp within 5 minutes of now',
  mismatch: 'must match the HMAC-SHA256 of t + "." + body under the carrier\'s secret',
};

const carrierOf = (event: APIGatewayProxyEvent): Carrier => {
  const parsed = CarrierSchema.safeParse(event.pathParameters?.carrier);
  if (parsed.success) return parsed.data;
  throw new HttpError(404, 'not-found', 'Not found', 'there is no webhook for this carrier', [
    { field: 'path/carrier', rule: `must be one of ${CARRIERS.join(', ')}` },
  ]);
};

const assertSigned = async (carrier: Carrier, event: APIGatewayProxyEvent, rawBody: Buffer) => {
  const secrets = await carrierSecrets.secretsFor(carrier);
  // Our misconfiguration, not the carrier's: a 500 makes the carrier resend until it is fixed.
  if (secrets.length === 0) throw new Error(`no signing secret is configured for carrier ${carrier}`);
  const check = verifySignature({ header: event.headers['x-signature'], rawBody, secrets, now: clock.now() });
  if (check.valid) return;
  logger.warn('carrier webhook signature refused', { reason: check.reason });
  throw new HttpError(401, 'invalid-signature', 'Signature not valid', `X-Signature is ${check.reason}`, [
    { field: 'x-signature', rule: SIGNATURE_RULES[check.reason] },
  ]);
};

const toAnswer = (result: RecordTrackingEventResult): JsonResult =>
  result.outcome === 'unknown'
    ? { status: 202, body: { status: 'unknown-tracking-number' } }
    : { status: 200, body: { status: result.outcome, returnId: result.ret.id } };

/**
 * POST /v1/webhooks/carriers/{carrier}: a carrier reports a parcel. Public (carriers hold no seller
 * key), so it authenticates by signature, before it parses anything: carrier, size, signature over the
 * raw body (the bytes as sent, not a re-serialised JSON), JSON and the carrier's schema, then the use
 * case. Refusals are problem+json, from the edge's one error hook; an event the return cannot take is
 * 200 `ignored`, so carriers stop resending it.
 */
export const handler = httpEdge(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const carrier = carrierOf(event);
  logger.appendKeys({ carrier });
  await assertSigned(carrier, event, readBody(event));
  const format = CARRIER_FORMATS[carrier];
  const trackingEvent = format.normalize(parseJsonBody(event, format.schema));
  const result = await recordTrackingEvent({ returns, clock, pipeline }, trackingEvent);
  const { eventId, status, trackingNumber } = trackingEvent;
  const facts = { eventId, status, trackingNumber, outcome: result.outcome };
  if (result.outcome === 'unknown') logger.warn('carrier event for an unknown tracking number', facts);
  else if (result.outcome === 'ignored')
    logger.warn('carrier event ignored', { ...facts, reason: result.reason });
  else logger.info('carrier event recorded', { ...facts, returnId: result.ret.id, resumed: result.resumed });
  return toProxyResult(toAnswer(result));
});
