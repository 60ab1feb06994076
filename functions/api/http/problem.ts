import type { APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../../domain/zod.js';

/** RFC 9457 problem details. `type` is a stable, relative URI that clients may switch on. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.string(),
  /** Each failing field and the rule it broke. */
  errors: z.optional(z.array(z.object({ field: z.string(), rule: z.string() }))),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const problemType = (slug: string): string => `/problems/${slug}`;

export const problemResponse = (problem: Problem): APIGatewayProxyResult => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  body: JSON.stringify(problem),
});
