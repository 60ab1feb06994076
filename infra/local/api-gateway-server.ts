import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { API_ROUTES, AUTHORIZER_ENTRY } from '../api-routes.js';
import { asInvocation } from './lambda-invocations.js';
import { toProxyEvent, lambdaContext } from './proxy-event.js';
import { routeMatcher } from './route-matcher.js';
import { isConsolePath, serveConsoleFile } from './console-files.js';

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type TokenAuthorizer = (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

/** API Gateway's own payload limit; the handlers enforce the product's smaller one. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

const problemBody = (status: number, slug: string, title: string, detail: string): string =>
  JSON.stringify({ type: `/problems/${slug}`, title, status, detail });

const problem = (res: ServerResponse, status: number, slug: string, title: string, detail: string) => {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(problemBody(status, slug, title, detail));
};

/**
 * What Node's HTTP parser refuses (an unknown or lowercase method, spaces or raw non-ASCII bytes in the
 * path, bytes after a body that Content-Length said was empty) never reaches `serve`. Node would answer
 * a bare 400; this answers as the deployed gateway's default 4XX response does (problem-gateway-
 * responses.ts), written straight to the socket, since there is no request to answer through.
 */
const answerUnparsable = (error: NodeJS.ErrnoException, socket: Duplex): void => {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = tooLarge
    ? problemBody(431, 'headers-too-large', 'Request headers too large', 'the request headers are too large')
    : problemBody(
        400,
        'bad-request',
        'Bad request',
        `not a valid HTTP request (${error.code ?? 'unparsable'})`,
      );
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'content-type: application/problem+json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
};

const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      done(size > GATEWAY_MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', fail);
  });

const importHandler = async <T>(root: string, entry: string): Promise<T> =>
  ((await import(pathToFileURL(resolve(root, entry)).href)) as { handler: T }).handler;

/** `POST /v1/returns 201 35 ms`, and why when the handler threw. */
const requestLine = (req: IncomingMessage, status: number, startedAt: number, error?: unknown): string => {
  const path = (req.url ?? '/').split('?')[0];
  const ms = Math.round(performance.now() - startedAt);
  const failure =
    error === undefined ? '' : `  handler threw: ${error instanceof Error ? error.message : String(error)}`;
  return `${req.method ?? 'GET'} ${path} ${status} ${ms} ms${failure}`;
};

/**
 * A stand-in for API Gateway's REST API: it matches the route table, runs the TOKEN authorizer for
 * seller routes, and calls the very handler modules the stack deploys with a REST proxy event.
 * With `consoleDir` it also serves the console's files, as CloudFront does in front of a deployed stack.
 * `log` gets one line per request (method, path, status, time); a handler that throws is printed with
 * its stack on stderr whether or not there is a `log`.
 */
export const startApiGateway = async (options: {
  root: string;
  port: number;
  host?: string;
  log?: (line: string) => void;
  /** The built console, served on `/` and `/console/*` beside the API. */
  consoleDir?: string;
}): Promise<Server> => {
  const match = routeMatcher(API_ROUTES);
  const authorize = await importHandler<TokenAuthorizer>(options.root, AUTHORIZER_ENTRY);
  const handlers = new Map<string, ProxyHandler>();
  for (const route of API_ROUTES)
    handlers.set(route.name, await importHandler<ProxyHandler>(options.root, route.entry));

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (options.consoleDir && isConsolePath(url.pathname)) {
      return serveConsoleFile(req, res, options.consoleDir, url.pathname);
    }
    let matched;
    try {
      matched = match(req.method ?? 'GET', url.pathname);
    } catch {
      return problem(res, 400, 'bad-path', 'Bad path', 'the path is not correctly encoded');
    }
    if (!matched) return problem(res, 404, 'no-such-route', 'Not found', `no route for ${url.pathname}`);
    if (matched === 'method-not-allowed') {
      return problem(
        res,
        405,
        'method-not-allowed',
        'Method not allowed',
        `${req.method} is not allowed here`,
      );
    }
    const body = await readBody(req);
    if (body === undefined)
      return problem(res, 413, 'body-too-large', 'Request body too large', 'over 10 MB');

    let authorizer: Record<string, string> | null = null;
    if (matched.route.auth === 'seller') {
      const token = req.headers.authorization;
      const refused = () => problem(res, 401, 'unauthorized', 'Unauthorized', 'a valid API key is required');
      if (!token) return refused();
      try {
        const result = await asInvocation(() =>
          authorize({
            type: 'TOKEN',
            authorizationToken: token,
            methodArn: `arn:aws:execute-api:local:000000000000:local/local/${req.method}${url.pathname}`,
          }),
        );
        authorizer = Object.fromEntries(Object.entries(result.context ?? {}).map(([k, v]) => [k, String(v)]));
      } catch {
        return refused();
      }
    }

    const event = toProxyEvent(
      {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      },
      { path: matched.route.path, pathParameters: matched.pathParameters },
      authorizer,
    );
    const handler = handlers.get(matched.route.name)!;
    const result = await asInvocation(() => handler(event, lambdaContext(matched.route.name)));
    res.writeHead(result.statusCode, result.headers as Record<string, string>);
    res.end(result.body);
  };

  const server = createServer((req, res) => {
    const startedAt = performance.now();
    serve(req, res).then(
      () => options.log?.(requestLine(req, res.statusCode, startedAt)),
      (error: unknown) => {
        // A handler that throws is a Lambda error: API Gateway answers 502 and says nothing more.
        if (!res.headersSent) problem(res, 502, 'bad-gateway', 'Bad gateway', 'the handler failed');
        options.log?.(requestLine(req, res.statusCode, startedAt, error));
        console.error(error);
      },
    );
  });
  server.on('clientError', answerUnparsable);
  await new Promise<void>((done) => server.listen(options.port, options.host ?? '127.0.0.1', done));
  return server;
};
