import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../infra/api-routes.js';
import { openApiDocument } from '../../../functions/api/openapi-document.js';

/** The document is written by hand around generated schemas: this keeps it from drifting from the routes. */
describe('the OpenAPI document', () => {
  const documented = openApiDocument.paths as Record<string, Record<string, unknown>>;

  it.each(API_ROUTES.filter((route) => route.auth === 'seller'))(
    'documents $method $path',
    ({ method, path }) => {
      expect(documented[path]?.[method.toLowerCase()]).toBeDefined();
    },
  );

  it('documents nothing that is not a route', () => {
    const routes = new Set(API_ROUTES.map((route) => `${route.method} ${route.path}`));
    const operations = Object.entries(documented).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.filter((operation) => !routes.has(operation))).toEqual([]);
  });
});
