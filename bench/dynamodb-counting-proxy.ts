import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  readUnits,
  refusedWriteUnits,
  writeUnits,
  type TableShape,
  type WriteUnits,
} from './dynamodb-capacity.js';
import { itemSize, type Item } from './dynamodb-item-size.js';
import { CALLER_HEADER, STACK_HEADER, STACK_SEPARATOR } from './dynamodb-caller-headers.js';

/** One DynamoDB API call that went through the proxy, with what DynamoDB would bill for it. */
export interface DynamoDbCall {
  operation: string;
  table?: string;
  index?: string;
  /** The partition key value read or written (a Query's first key value), where the call names one. */
  partitionKey?: string;
  status: number;
  /** The function running when the call was made (the probe's label), or `unlabelled`. */
  caller: string;
  /** The project's frames that led to the call, innermost first (the probe's label). */
  stack: string[];
  /** Write request units, on the table and per index. */
  wru: WriteUnits;
  /** Read request units (eventually consistent reads count half). */
  rru: number;
  /** Bytes of the items read or written (the larger of before and after, for a write). */
  itemBytes: number;
  /** A data-plane call this proxy cannot size (transactions, PartiQL): its units are 0. */
  unsized?: true;
}

const UNSIZED = new Set([
  'TransactWriteItems',
  'TransactGetItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
]);

export interface CountingProxy {
  /** Where to point the stack: `DYNAMODB_ENDPOINT` or a client's `endpoint`. */
  endpoint: string;
  /** Every call since the last `reset()`, in the order they were answered. */
  readonly calls: readonly DynamoDbCall[];
  reset(): void;
  stop(): Promise<void>;
}

type Body = Record<string, unknown>;

const NO_WRITE: WriteUnits = { table: 0, indexes: {} };

/** Two writes' units together, as one call of both is billed. */
const plus = (a: WriteUnits, b: WriteUnits): WriteUnits => {
  const indexes = { ...a.indexes };
  for (const [name, wru] of Object.entries(b.indexes)) indexes[name] = (indexes[name] ?? 0) + wru;
  return { table: a.table + b.table, indexes };
};

/** One request of a BatchWriteItem. */
type BatchRequest = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } };

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', fail);
  });

const forward = (
  upstream: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> =>
  new Promise((done, fail) => {
    const headers = { ...req.headers };
    delete headers[CALLER_HEADER];
    delete headers[STACK_HEADER];
    const out = request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (res) => {
        readBody(res).then(
          (data) => done({ status: res.statusCode ?? 500, headers: res.headers, body: data }),
          fail,
        );
      },
    );
    out.on('error', fail);
    out.end(body);
  });

const parse = (data: Buffer): Body => {
  try {
    return data.length ? (JSON.parse(data.toString('utf8')) as Body) : {};
  } catch {
    return {};
  }
};

/** The `pk` of a single-item call's key or item, or the first string value a Query's key condition names. */
const partitionKeyOf = (input: Body): string | undefined => {
  const key = (input.Key ?? input.Item) as Item | undefined;
  const single = key?.pk;
  if (single && 'S' in single) return single.S;
  const condition = String(input.KeyConditionExpression ?? '');
  const token = /:[A-Za-z0-9_]+/.exec(condition)?.[0];
  const value = token ? (input.ExpressionAttributeValues as Item | undefined)?.[token] : undefined;
  return value && 'S' in value ? value.S : undefined;
};

const pick = (item: Item, names: string[]): Item => Object.fromEntries(names.map((n) => [n, item[n]!]));

/** The query with everything that narrows what is returned but not what is read (and so billed) removed. */
const unprojectedQuery = (input: Body): QueryCommandInput => {
  const { ProjectionExpression, FilterExpression, Select, AttributesToGet, ...rest } = input;
  void ProjectionExpression;
  void FilterExpression;
  void Select;
  void AttributesToGet;
  const used = String(rest.KeyConditionExpression ?? '');
  const keep = (values: unknown) =>
    values === undefined
      ? undefined
      : Object.fromEntries(Object.entries(values as Body).filter(([token]) => used.includes(token)));
  return {
    ...rest,
    ExpressionAttributeNames: keep(rest.ExpressionAttributeNames),
    ExpressionAttributeValues: keep(rest.ExpressionAttributeValues),
  } as QueryCommandInput;
};

/**
 * An HTTP proxy for DynamoDB's JSON protocol that counts every call by operation and works out its
 * WRU and RRU from the real item sizes and the table's GSI projections (dynalite, like DynamoDB Local,
 * does not return ConsumedCapacity). To size a write it reads the item before and after it from
 * upstream, off the books; writes pass one at a time so that no other write lands in between.
 */
export const startCountingProxy = async (options: {
  upstream: string;
  port?: number;
}): Promise<CountingProxy> => {
  const upstream = new URL(options.upstream);
  const client = new DynamoDBClient({
    endpoint: options.upstream,
    region: 'us-east-1',
    credentials: { accessKeyId: 'cost', secretAccessKey: 'cost' },
  });
  const shapes = new Map<string, TableShape>();
  const calls: DynamoDbCall[] = [];
  let writes: Promise<unknown> = Promise.resolve();

  const shapeOf = async (table: string): Promise<TableShape> => {
    const known = shapes.get(table);
    if (known) return known;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    const shape: TableShape = {
      keys: (Table?.KeySchema ?? []).map((k) => k.AttributeName!),
      indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
        name: index.IndexName!,
        keys: (index.KeySchema ?? []).map((k) => k.AttributeName!),
        projection: index.Projection?.ProjectionType ?? 'ALL',
        nonKeyAttributes: index.Projection?.NonKeyAttributes ?? [],
      })),
    };
    shapes.set(table, shape);
    return shape;
  };

  const current = async (table: string, key: Item): Promise<Item | undefined> =>
    (await client.send(new GetItemCommand({ TableName: table, Key: key as never, ConsistentRead: true })))
      .Item as Item | undefined;

  /** Forwards a write and sizes it from the item before and after. */
  const write = async (
    table: string,
    key: Item,
    send: () => Promise<{ status: number; body: Buffer }>,
    deletes = false,
  ) => {
    const shape = await shapeOf(table);
    const before = await current(table, pick(key, shape.keys));
    const answer = await send();
    const refused = parse(answer.body).__type?.toString().endsWith('ConditionalCheckFailedException');
    if (answer.status !== 200) {
      return {
        answer,
        wru: refused ? refusedWriteUnits(before) : NO_WRITE,
        bytes: before ? itemSize(before) : 0,
      };
    }
    const after = deletes ? undefined : await current(table, pick(key, shape.keys));
    const bytes = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
    return { answer, wru: writeUnits(shape, before, after), bytes };
  };

  /**
   * Forwards a BatchWriteItem and sizes each put and delete in it as `write` sizes one, but for those
   * DynamoDB left unprocessed (they cost nothing until sent again).
   */
  const batchWrite = async (
    requests: Record<string, BatchRequest[]>,
    send: () => Promise<{ status: number; body: Buffer }>,
  ) => {
    const keyOf = (shape: TableShape, request: BatchRequest) =>
      pick(request.PutRequest?.Item ?? request.DeleteRequest!.Key, shape.keys);
    const sized = [];
    for (const [table, list] of Object.entries(requests)) {
      const shape = await shapeOf(table);
      for (const request of list) {
        const key = keyOf(shape, request);
        sized.push({ table, shape, key, puts: 'PutRequest' in request, before: await current(table, key) });
      }
    }
    const answer = await send();
    if (answer.status !== 200) return { answer, wru: NO_WRITE, bytes: 0 };
    const left = new Set<string>();
    const unprocessed = (parse(answer.body).UnprocessedItems ?? {}) as Record<string, BatchRequest[]>;
    for (const [table, list] of Object.entries(unprocessed)) {
      const shape = await shapeOf(table);
      for (const request of list) left.add(JSON.stringify([table, keyOf(shape, request)]));
    }
    let wru = NO_WRITE;
    let bytes = 0;
    for (const { table, shape, key, puts, before } of sized) {
      if (left.has(JSON.stringify([table, key]))) continue;
      const after = puts ? await current(table, key) : undefined;
      wru = plus(wru, writeUnits(shape, before, after));
      bytes += Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
    }
    return { answer, wru, bytes };
  };

  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = writes.then(work, work);
    writes = next.catch(() => undefined);
    return next;
  };

  const handle = async (req: IncomingMessage, data: Buffer) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'Unknown';
    const input = parse(data);
    const table = typeof input.TableName === 'string' ? input.TableName : undefined;
    const send = () => forward(upstream, req, data);
    let wru = NO_WRITE;
    let rru = 0;
    let bytes = 0;
    let answer: { status: number; headers: IncomingHttpHeaders; body: Buffer };

    if (table && (operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem')) {
      const key = (operation === 'PutItem' ? input.Item : input.Key) as Item;
      let forwarded!: typeof answer;
      const sized = await serialized(() =>
        write(table, key, async () => (forwarded = await send()), operation === 'DeleteItem'),
      );
      ({ wru, bytes } = sized);
      answer = forwarded;
    } else if (operation === 'BatchWriteItem') {
      let forwarded!: typeof answer;
      const requests = (input.RequestItems ?? {}) as Record<string, BatchRequest[]>;
      const sized = await serialized(() => batchWrite(requests, async () => (forwarded = await send())));
      ({ wru, bytes } = sized);
      answer = forwarded;
    } else if (table && operation === 'GetItem') {
      answer = await send();
      const found = parse(answer.body).Item as Item | undefined;
      const projectedRead = input.ProjectionExpression !== undefined || input.AttributesToGet !== undefined;
      const full = projectedRead && found ? await current(table, input.Key as Item) : found;
      rru = readUnits(full ? [full] : [], input.ConsistentRead === true);
      bytes = full ? itemSize(full) : 0;
    } else if (table && (operation === 'Query' || operation === 'Scan')) {
      answer = await send();
      const narrowed = ['ProjectionExpression', 'FilterExpression', 'Select', 'AttributesToGet'].some(
        (k) => k in input,
      );
      const unnarrowed = unprojectedQuery(input);
      const probe = operation === 'Query' ? new QueryCommand(unnarrowed) : new ScanCommand(unnarrowed);
      const read = narrowed
        ? (((await client.send(probe as QueryCommand)).Items ?? []) as Item[])
        : ((parse(answer.body).Items ?? []) as Item[]);
      rru = readUnits(read, input.ConsistentRead === true && input.IndexName === undefined);
      bytes = read.reduce((sum, item) => sum + itemSize(item), 0);
    } else if (operation === 'BatchGetItem') {
      answer = await send();
      const responses = (parse(answer.body).Responses ?? {}) as Record<string, Item[]>;
      const requests = (input.RequestItems ?? {}) as Record<
        string,
        { Keys: Item[]; ConsistentRead?: boolean }
      >;
      for (const [name, asked] of Object.entries(requests)) {
        const found = responses[name] ?? [];
        const consistent = asked.ConsistentRead === true;
        rru += found.reduce((sum, item) => sum + readUnits([item], consistent), 0);
        // A key that is not there still costs the minimum read.
        rru += Math.max(0, asked.Keys.length - found.length) * readUnits([], consistent);
        bytes += found.reduce((sum, item) => sum + itemSize(item), 0);
      }
    } else {
      answer = await send();
    }

    const pk = partitionKeyOf(input);
    calls.push({
      operation,
      ...(table ? { table } : {}),
      ...(pk ? { partitionKey: pk } : {}),
      ...(typeof input.IndexName === 'string' ? { index: input.IndexName } : {}),
      status: answer.status,
      caller: String(req.headers[CALLER_HEADER] ?? 'unlabelled'),
      stack: req.headers[STACK_HEADER] ? String(req.headers[STACK_HEADER]).split(STACK_SEPARATOR) : [],
      wru,
      rru,
      itemBytes: bytes,
      ...(UNSIZED.has(operation) ? { unsized: true as const } : {}),
    });
    return answer;
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((data) => handle(req, data))
      .then((answer) => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      })
      .catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`counting proxy: ${String(error)}`);
      });
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    reset: () => {
      calls.length = 0;
    },
    stop: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      client.destroy();
    },
  };
};
