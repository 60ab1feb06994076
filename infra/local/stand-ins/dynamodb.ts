import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { z } from 'zod';

/** The options of dynalite 4 we use (the package ships no types). */
interface DynaliteOptions {
  /** LevelDB directory; in memory when absent. */
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options?: DynaliteOptions) => Server;

/** The LevelDB binding dynalite itself uses, resolved from dynalite's own location. */
const { Level } = createRequire(require.resolve('dynalite'))('level') as {
  Level: new (path: string) => { open(): Promise<void>; close(): Promise<void> };
};

/**
 * Dynalite opens its store lazily and, when it cannot (the path is locked by another running copy),
 * fails in a stream error nobody can catch, which ends the process. Opening the store once here first
 * turns that into a clear, catchable error.
 */
const assertStoreOpens = async (path: string): Promise<void> => {
  const db = new Level(path);
  try {
    await db.open();
  } catch (error) {
    throw new Error(`the DynamoDB data at ${path} cannot be opened (is another copy running?)`, {
      cause: error,
    });
  }
  await db.close();
};

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('dynalite is not listening on a TCP port'));
    });
  });

/** Dynalite's close also closes its LevelDB store once the last connection has ended. */
const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Idle keep-alive sockets of SDK clients would otherwise hold the close open.
    server.closeIdleConnections();
  });

export interface DynamoDbStandIn {
  /** e.g. `http://127.0.0.1:41234`, for `AWS_ENDPOINT_URL_DYNAMODB` or a client's `endpoint`. */
  endpoint: string;
  port: number;
  /** Closes connections and the LevelDB store (releasing its lock, so the same path can be reopened). */
  stop(): Promise<void>;
}

/**
 * A DynamoDB-compatible server (dynalite) on 127.0.0.1. With `path`, data is kept on disk there and
 * survives a stop and start; without it, it lives in memory. Without `port`, the OS picks a free one.
 * Tables become ACTIVE at once. Dynalite has no transactions, TTL or streams: see docs/design.md §9.
 */
export const startDynamoDb = async (
  options: { path?: string; port?: number } = {},
): Promise<DynamoDbStandIn> => {
  if (options.path) {
    await mkdir(options.path, { recursive: true });
    await assertStoreOpens(options.path);
  }
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const port = await listen(server, options.port ?? 0);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= closeServer(server));
  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
};

const EndpointSchema = z.url({
  protocol: /^https?$/,
  error: 'DYNAMODB_ENDPOINT must be an http(s) URL such as http://127.0.0.1:8000',
});

/**
 * The DynamoDB the local runtime uses: `endpoint` when one is given (DynamoDB Local, a counting proxy,
 * another dynalite), which is left running on stop; otherwise a dynalite of our own, as `startDynamoDb`.
 */
export const useOrStartDynamoDb = async (options: {
  endpoint?: string;
  path?: string;
  port?: number;
}): Promise<DynamoDbStandIn> => {
  if (options.endpoint === undefined || options.endpoint === '') return startDynamoDb(options);
  const parsed = EndpointSchema.safeParse(options.endpoint);
  if (!parsed.success) {
    throw new Error(`${parsed.error.issues[0]!.message}, not ${JSON.stringify(options.endpoint)}`);
  }
  const url = new URL(parsed.data);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return { endpoint: url.origin, port, stop: async () => undefined };
};
