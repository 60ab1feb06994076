import type { Config } from 'aws-ses-v2-local';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

// The package is CommonJS with `exports.default`. Loaded through `require`, it has the same shape under
// Node's ESM loader, tsx and vitest's module runner (which disagree on what a default import of it is).
const sesLocal = createRequire(import.meta.url)('aws-ses-v2-local') as {
  default: (config?: Partial<Config>) => Promise<Server>;
};

export interface SesStandIn {
  /** e.g. `http://127.0.0.1:41235`, for `AWS_ENDPOINT_URL_SESV2` (or `_SES`) or a client's `endpoint`. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A local SES (aws-ses-v2-local) on 127.0.0.1: answers SES v1 and v2 SendEmail, keeps every message, and
 * lists them as JSON at `GET {endpoint}/store` (`POST {endpoint}/clear-store` empties it; `GET {endpoint}/`
 * is a web page). Without `port`, the OS picks a free one.
 *
 * The mailbox is module state of the package: two stand-ins started in one process share it.
 */
export const startSes = async (options: { port?: number } = {}): Promise<SesStandIn> => {
  const requestedPort = options.port ?? 0;
  const server: Server = await sesLocal.default({ host: '127.0.0.1', port: requestedPort });
  // On a port clash the package still resolves, with a server that is not listening.
  const address = server.address();
  if (!server.listening || typeof address !== 'object' || !address) {
    throw new Error(`local SES could not listen on 127.0.0.1:${requestedPort} (is the port in use?)`);
  }
  const port = address.port;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    }));
  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
};
