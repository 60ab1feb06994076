import { describe, expect, it } from 'vitest';
import { API_ROUTES, ROUTES } from '../../../functions/api/api-routes.js';
import { openApiDocument } from '../../../functions/api/openapi-document.js';
import { ANSWER_COMPONENTS } from '../../../functions/api/openapi/answers.js';
import { OPERATIONS } from '../../../functions/api/openapi/operations.js';

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  security?: unknown[];
  parameters: { name: string; in: string }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content: Record<string, { example?: unknown }> }>;
}

/** The document is generated from the route table: this keeps it whole, and true to what routes answer. */
describe('the OpenAPI document', () => {
  const documented = openApiDocument.paths as Record<string, Record<string, Operation>>;
  const operationOf = (route: (typeof API_ROUTES)[number]) =>
    documented[route.path]![route.method.toLowerCase()]!;
  const statuses = (route: (typeof API_ROUTES)[number]) => Object.keys(operationOf(route).responses);

  it.each(API_ROUTES)('documents $method $path as $name, with a summary, a tag and an example', (route) => {
    const operation = operationOf(route);
    expect(operation.operationId).toBe(route.name);
    expect(operation.summary).not.toBe('');
    expect(operation.tags).toHaveLength(1);
    const answers = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
    expect(answers.length).toBeGreaterThan(0);
    for (const [status, answer] of answers) {
      // A 204 has no body to show.
      if (status !== '204') expect(answer.content['application/json']?.example).toBeDefined();
    }
    if (route.body) expect(operation.requestBody?.content['application/json']?.example).toBeDefined();
  });

  it('documents nothing that is not a route', () => {
    const routes = new Set(API_ROUTES.map((route) => `${route.method} ${route.path}`));
    const operations = Object.entries(documented).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.filter((operation) => !routes.has(operation))).toEqual([]);
  });

  it('lists only the errors a route can give: no 413 or 415 without a body, no 404 without a return', () => {
    for (const route of API_ROUTES.filter((r) => r.method === 'GET')) {
      expect(statuses(route)).not.toContain('413');
      expect(statuses(route)).not.toContain('415');
    }
    expect(statuses(ROUTES.CreateReturn)).not.toContain('404');
    expect(statuses(ROUTES.ListReturns)).toEqual(['200', '400', '401', '429', '500']);
    expect(statuses(ROUTES.GetOpenApi)).toEqual(['200', '429', '500']);
    expect(statuses(ROUTES.CloseReturn)).toEqual([
      '200',
      '400',
      '401',
      '404',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
    ]);
    for (const route of API_ROUTES) expect(statuses(route)).toEqual(expect.arrayContaining(['429', '500']));
  });

  it('answers every error as problem+json', () => {
    for (const route of API_ROUTES) {
      for (const [status, response] of Object.entries(operationOf(route).responses)) {
        if (Number(status) >= 400)
          expect(Object.keys(response.content)).toEqual(['application/problem+json']);
      }
    }
  });

  it("takes a route's query parameters from its query schema", () => {
    const names = operationOf(ROUTES.ListReturns)
      .parameters.filter((p) => p.in === 'query')
      .map((p) => p.name);
    expect(names).toEqual(Object.keys(ROUTES.ListReturns.query.shape));
  });

  it('gives examples the schemas accept', () => {
    for (const route of API_ROUTES) {
      const doc = OPERATIONS[route.name as keyof typeof OPERATIONS];
      if (route.body) expect(route.body.schema.safeParse(doc.requestExample).error).toBeUndefined();
      for (const answer of Object.values(doc.answers)) {
        if (answer.component) {
          expect(ANSWER_COMPONENTS[answer.component].safeParse(answer.example).error).toBeUndefined();
        }
      }
    }
    const webhook = OPERATIONS.CarrierWebhook;
    const parsed = Object.values(webhook.bodies ?? {}).filter(
      (s) => s.safeParse(webhook.requestExample).success,
    );
    expect(parsed).toHaveLength(1);
  });

  it('describes the carrier signature, its tolerance, and the de-duplication', () => {
    const webhook = operationOf(ROUTES.CarrierWebhook);
    expect(webhook.security).toEqual([{ carrierSignature: [] }]);
    expect(openApiDocument.components.securitySchemes.carrierSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Signature',
    });
    const text = `${openApiDocument.components.securitySchemes.carrierSignature.description} ${OPERATIONS.CarrierWebhook.description}`;
    expect(text).toContain('t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + rawBody>');
    expect(text).toContain('5 minutes');
    expect(text).toContain('de-duplicated');
    expect(operationOf(ROUTES.GetOpenApi).security).toEqual([]);
  });
});
