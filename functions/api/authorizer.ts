import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';
import { parseApiKey, secretMatches } from '../auth/api-key.js';
import { sellers } from '../shared/dependencies/data.js';
import { logger, observe } from '../shared/observability.js';

/** API Gateway answers 401 when a TOKEN authorizer throws exactly this. */
const UNAUTHORIZED = 'Unauthorized';

/**
 * Turns `Authorization: Bearer <apiKey>` into the seller it belongs to. Every refusal looks the same to
 * the caller (401), whether the key is malformed, unknown, revoked or its seller suspended.
 */
const authorize = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const token = /^Bearer (\S+)$/.exec(event.authorizationToken ?? '')?.[1];
  const parsed = token ? parseApiKey(token) : undefined;
  // One strongly consistent GetItem, uncached: the key record carries its seller's status.
  const grant = parsed ? await sellers.getApiKey(parsed.keyId) : undefined;
  if (
    !parsed ||
    !grant ||
    grant.status !== 'ACTIVE' ||
    grant.sellerStatus !== 'ACTIVE' ||
    !secretMatches(parsed.secret, grant.secretHash)
  ) {
    logger.info('api key refused', { keyId: parsed?.keyId });
    throw new Error(UNAUTHORIZED);
  }
  // Allow the whole API for this key, so a cached answer serves every route.
  const [arnPrefix, stage] = event.methodArn.split('/');
  return {
    principalId: grant.sellerId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${arnPrefix}/${stage}/*` }],
    },
    context: { sellerId: grant.sellerId, keyId: grant.keyId },
  };
};

/**
 * With logs, metrics and traces (`observe()`). A TOKEN event carries no request id, so the log lines
 * correlate by the Lambda request id only. The context is optional for callers that pass the event alone
 * (the local API Gateway stand-in, tests): middy then runs with an empty one.
 */
export const handler = middy<APIGatewayTokenAuthorizerEvent, APIGatewayAuthorizerResult>()
  .use(observe())
  .handler(authorize) as (
  event: APIGatewayTokenAuthorizerEvent,
  context?: Context,
) => Promise<APIGatewayAuthorizerResult>;
