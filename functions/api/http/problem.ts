import type { APIGatewayProxyResult } from 'aws-lambda';
import type { FieldIssue } from '../../../domain/errors.js';

/** RFC 9457 problem details. `type` is a stable, relative URI that clients may switch on. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
}

export const problemType = (slug: string): string => `/problems/${slug}`;

export const problemResponse = (problem: Problem): APIGatewayProxyResult => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  body: JSON.stringify(problem),
});
