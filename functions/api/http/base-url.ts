import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * The API's public base URL, for links the seller registers elsewhere (webhook URLs): `PUBLIC_API_URL`
 * when set (local runs, or a custom domain), else the host and stage the request came in on. From the
 * request rather than the stack: a function cannot be given its own API's URL without a circular deploy.
 */
export const apiBaseUrlOf = (event: APIGatewayProxyEvent): string => {
  const configured = process.env.PUBLIC_API_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const { domainName, path } = event.requestContext;
  // requestContext.path carries the stage (or a custom domain's base path) in front of the resource path.
  const prefix = path.endsWith(event.path) ? path.slice(0, path.length - event.path.length) : '';
  return `https://${domainName}${prefix}`;
};
