import type { APIGatewayProxyResult } from 'aws-lambda';

/** What a use case hands back to the edge: a status and a JSON body. */
export interface JsonResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): JsonResult => ({ status: 200, body });
export const created = (body: unknown, location: string): JsonResult => ({
  status: 201,
  body,
  headers: { location },
});

export const toProxyResult = (result: JsonResult): APIGatewayProxyResult => ({
  statusCode: result.status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...result.headers },
  body: JSON.stringify(result.body),
});
