import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi-document.js';

/** What an integrator writes against a generated client: named operations, typed bodies and problems. */
const CLIENT = `
import type { operations } from './schema.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

type CreateBody = NonNullable<operations['CreateReturn']['requestBody']>['content']['application/json'];
type Created = Json<operations['CreateReturn']['responses'][201]>;
type Page = Json<operations['ListReturns']['responses'][200]>;
type Query = NonNullable<operations['ListReturns']['parameters']['query']>;
type NotFound = operations['GetReturn']['responses'][404]['content']['application/problem+json'];

export const body: CreateBody = {
  orderId: '113-1234567-1234567',
  marketplace: 'US',
  buyer: { email: 'buyer@example.com', country: 'US' },
  deliveredAt: '2026-11-01T10:00:00Z',
  items: [{ sku: 'SKU-1', category: 'electronics', quantity: 1, unitPrice: { amount: 2599, currency: 'USD' } }],
  reason: 'DEFECTIVE',
};
export const rmaOf = (created: Created): string => created.rma;
export const query: Query = { status: 'AUTHORIZED', limit: 10 };
export const firstStatus = (page: Page) => page.items[0]?.status;
export const why = (problem: NotFound): string => problem.detail;
export const close = (
  id: operations['CloseReturn']['parameters']['path']['id'],
  reason: NonNullable<operations['CloseReturn']['requestBody']>['content']['application/json']['reason'],
) => ({ id, reason });
export const eventStatus = (
  taken: Json<operations['CarrierWebhook']['responses'][200]>,
): 'accepted' | 'duplicate' | 'ignored' => taken.status;

// @ts-expect-error: a GET has no 413
export type NoBody = operations['GetReturn']['responses'][413];
// @ts-expect-error: not a reason the contract knows
export const wrongReason: CreateBody['reason'] = 'DISLIKED_COLOUR';
`;

describe('a client generated from the OpenAPI document by openapi-typescript', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-client-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('compiles, with operations named after the routes', { timeout: 120_000 }, async () => {
    const ast = await openapiTS(JSON.stringify(openApiDocument));
    await writeFile(join(dir, 'schema.ts'), astToString(ast));
    await writeFile(join(dir, 'client.ts'), CLIENT);

    const program = ts.createProgram([join(dir, 'client.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});
