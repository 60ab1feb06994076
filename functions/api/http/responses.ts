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

/** Done, with nothing to show (a DELETE). */
export const noContent = (): JsonResult => ({ status: 204, body: undefined });

export const toProxyResult = (result: JsonResult): APIGatewayProxyResult =>
  result.status === 204
    ? { statusCode: 204, headers: { 'cache-control': 'no-store', ...result.headers }, body: '' }
    : {
        statusCode: result.status,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...result.headers },
        body: JSON.stringify(result.body),
      };
