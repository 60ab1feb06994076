import middy from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { observe } from '../shared/observability.js';
import { openApiDocument } from './openapi-document.js';

const body = JSON.stringify(openApiDocument);

/** GET /v1/openapi.json: public, so integrators can read the contract before they hold a key. */
export const handler = middy<unknown, APIGatewayProxyResult>()
  .use(observe())
  .handler(async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
    body,
  }));
