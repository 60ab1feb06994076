import { httpEdge } from './http/http-edge.js';
import { openApiDocument } from './openapi-document.js';

const body = JSON.stringify(openApiDocument);

/** GET /v1/openapi.json: public, so integrators can read the contract before they hold a key. */
export const handler = httpEdge(async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
  body,
}));
