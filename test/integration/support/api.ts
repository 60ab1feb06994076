import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { lambdaContext, toProxyEvent } from '../../../infra/local/proxy-event.js';
import { API_ROUTES } from '../../../infra/api-routes.js';
import { routeMatcher } from '../../../infra/local/route-matcher.js';
import { documentClient, tableNameFromEnv } from '../../../functions/adapters/dynamodb/document-client.js';
import { DynamoPolicyRepository } from '../../../functions/adapters/dynamodb/policy-repository.js';
import { DynamoSellerRepository } from '../../../functions/adapters/dynamodb/seller-repository.js';
import { onboardSeller } from '../../../functions/use-cases/onboard-seller.js';
import type { Marketplace } from '../../../domain/marketplaces.js';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface Invocation {
  sellerId?: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as is, bypassing JSON encoding. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  contentType: string;
  body: Record<string, unknown> & { errors?: { field: string; rule: string }[] };
}

const table = () => ({ client: documentClient, tableName: tableNameFromEnv() });

/** Calls a route's real handler module with the proxy event API Gateway would build, authorizer included. */
export const invoke = async (routeName: string, input: Invocation): Promise<Answer> => {
  const route = API_ROUTES.find((r) => r.name === routeName)!;
  const { handler } = (await import(`../../../${route.entry}`)) as { handler: Handler };
  const headers: Record<string, string> = { ...input.headers };
  let body = input.raw ?? '';
  if (input.body !== undefined) {
    body = JSON.stringify(input.body);
    headers['content-type'] ??= 'application/json';
  }
  const matched = routeMatcher([route])(route.method, input.path);
  const params = matched && matched !== 'method-not-allowed' ? matched.pathParameters : null;
  const event = toProxyEvent(
    { method: route.method, path: input.path, query: new URLSearchParams(input.query), headers, body },
    { path: route.path, pathParameters: params },
    input.sellerId ? { sellerId: input.sellerId } : null,
  );
  const result = await handler(event, lambdaContext(route.name));
  return {
    status: result.statusCode,
    contentType: String(result.headers?.['content-type'] ?? ''),
    body: (result.body === '' ? {} : JSON.parse(result.body)) as Answer['body'],
  };
};

/** A fresh seller with default policies, so each test file has data of its own on the shared table. */
export const newSeller = async (marketplaces: Marketplace[] = ['US']) => {
  const sellerId = `test-${ulid().toLowerCase()}`;
  const { apiKey } = await onboardSeller(
    { sellers: new DynamoSellerRepository(table()), policies: new DynamoPolicyRepository(table()) },
    {
      sellerId,
      name: 'Test Seller',
      email: `${sellerId}@sellers.example`,
      locale: 'en-US',
      marketplaces,
      returnAddress: {
        name: 'Returns',
        line1: '1 Dock St',
        city: 'Reno',
        postalCode: '89502',
        country: 'US',
      },
    },
    new Date(),
  );
  return { sellerId, apiKey };
};

/** How many returns the seller has, read through the API page by page. */
export const storedReturnCount = async (sellerId: string): Promise<number> => {
  let count = 0;
  let cursor: string | undefined;
  do {
    const query: Record<string, string> = { limit: '100', ...(cursor ? { cursor } : {}) };
    const answer = await invoke('ListReturns', { sellerId, path: '/v1/returns', query });
    count += (answer.body.items as unknown[]).length;
    cursor = answer.body.cursor as string | undefined;
  } while (cursor);
  return count;
};
