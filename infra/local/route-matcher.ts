import type { ApiRoute } from '../api-routes.js';

export interface MatchedRoute {
  route: ApiRoute;
  pathParameters: Record<string, string> | null;
}

const compile = (template: string): { pattern: RegExp; names: string[] } => {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
};

/**
 * Matches method and path against the route table the way API Gateway resources do: a literal segment
 * wins over a `{param}` sibling (`/stripe/connect` before `/stripe/{connectionId}`).
 */
export const routeMatcher = (routes: readonly ApiRoute[]) => {
  const compiled = routes
    .map((route) => ({ route, ...compile(route.path) }))
    .sort((a, b) => a.names.length - b.names.length);
  return (method: string, path: string): MatchedRoute | 'method-not-allowed' | undefined => {
    const onPath = compiled.filter((c) => c.pattern.test(path));
    if (onPath.length === 0) return undefined;
    const hit = onPath.find((c) => c.route.method === method);
    if (!hit) return 'method-not-allowed';
    const values = hit.pattern.exec(path)!.slice(1);
    const pathParameters =
      hit.names.length === 0
        ? null
        : Object.fromEntries(hit.names.map((name, i) => [name, decodeURIComponent(values[i]!)]));
    return { route: hit.route, pathParameters };
  };
};
