import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONSOLE_ASSET_PREFIX } from '../../console/bundle.js';
import { CONSOLE_SECURITY_HEADERS } from '../../console/security-headers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Whether a path is the console's: `/` (its page) or `/console/*` (its files); the API keeps `/v1/*`. */
export const isConsolePath = (pathname: string): boolean =>
  pathname === '/' || pathname === '/index.html' || pathname.startsWith(`/${CONSOLE_ASSET_PREFIX}/`);

/**
 * Serves the built console from `dir` as CloudFront serves it from its bucket, with the same security
 * headers, on the API's own origin (so the console needs no CORS). Nothing outside `dir` is served.
 */
export const serveConsoleFile = async (
  req: IncomingMessage,
  res: ServerResponse,
  dir: string,
  pathname: string,
) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    return void res.end();
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return notFound(res);
  }
  const relative = pathname === '/' ? 'index.html' : normalize(decoded).replace(/^[/\\]+/, '');
  const file = join(dir, relative);
  const type = TYPES[extname(file)];
  if (!file.startsWith(dir + sep) || type === undefined) return notFound(res);
  const body = await readFile(file).catch(() => undefined);
  if (!body)
    return notFound(res, pathname === '/' ? 'the console is not built: npm run build:console' : undefined);
  res.writeHead(200, { ...CONSOLE_SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : body);
};

const notFound = (res: ServerResponse, detail = 'no such file') => {
  res.writeHead(404, { ...CONSOLE_SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${detail}\n`);
};
