import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { StepFunctionsBackend } from './execution-requests.js';
import type { ExecutionRecord } from './execution-store.js';
import { RecordingStepFunctions } from './recording-backend.js';
import { StepFunctionsError } from './step-functions-error.js';

const JSON_1_0 = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AWSStepFunctions.';

/** The protocol's timestamps: epoch seconds. */
const epochSeconds = (iso: string | undefined): number | undefined =>
  iso === undefined ? undefined : Date.parse(iso) / 1000;

const text = (value: unknown): string | undefined =>
  value === undefined ? undefined : JSON.stringify(value);

const summary = (record: ExecutionRecord) => ({
  executionArn: record.executionArn,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: epochSeconds(record.startedAt),
  stopDate: epochSeconds(record.stoppedAt),
});

const requiredString = (body: Record<string, unknown>, field: string): string => {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new StepFunctionsError(
      'ValidationException',
      `1 validation error detected: '${field}' is required`,
    );
  }
  return value;
};
const optionalString = (body: Record<string, unknown>, field: string): string | undefined =>
  typeof body[field] === 'string' ? body[field] : undefined;

type Operation = (backend: StepFunctionsBackend, body: Record<string, unknown>) => Promise<unknown>;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  StartExecution: async (backend, body) => {
    const record = await backend.startExecution({
      stateMachineArn: requiredString(body, 'stateMachineArn'),
      name: optionalString(body, 'name'),
      input: optionalString(body, 'input'),
    });
    return { executionArn: record.executionArn, startDate: epochSeconds(record.startedAt) };
  },
  SendTaskSuccess: async (backend, body) => {
    await backend.sendTaskSuccess(requiredString(body, 'taskToken'), requiredString(body, 'output'));
    return {};
  },
  SendTaskFailure: async (backend, body) => {
    await backend.sendTaskFailure(
      requiredString(body, 'taskToken'),
      optionalString(body, 'error'),
      optionalString(body, 'cause'),
    );
    return {};
  },
  SendTaskHeartbeat: async (backend, body) => {
    await backend.sendTaskHeartbeat(requiredString(body, 'taskToken'));
    return {};
  },
  DescribeExecution: async (backend, body) => {
    const record = backend.describeExecution(requiredString(body, 'executionArn'));
    return {
      ...summary(record),
      input: text(record.input),
      inputDetails: { included: true },
      output: text(record.output),
      ...(record.output === undefined ? {} : { outputDetails: { included: true } }),
      error: record.error,
      cause: record.cause,
    };
  },
  /** Only the `<Type>StateEntered` events: the states the run entered (see execution-history.ts). */
  GetExecutionHistory: async (backend, body) => {
    const record = backend.describeExecution(requiredString(body, 'executionArn'));
    return {
      events: (record.history ?? []).map((entered, index) => ({
        id: index + 1,
        timestamp: epochSeconds(entered.at),
        type: `${entered.type}StateEntered`,
        stateEnteredEventDetails: { name: entered.state },
      })),
    };
  },
  ListExecutions: async (backend, body) => {
    const status = optionalString(body, 'statusFilter');
    const all = backend
      .listExecutions(requiredString(body, 'stateMachineArn'))
      .filter((record) => status === undefined || record.status === status);
    // nextToken is the index of the next page, as text: opaque enough for a local stand-in.
    const from = Number(optionalString(body, 'nextToken') ?? 0);
    const size = typeof body.maxResults === 'number' && body.maxResults > 0 ? body.maxResults : 100;
    const page = all.slice(from, from + size);
    const more = from + size < all.length;
    return { executions: page.map(summary), ...(more ? { nextToken: String(from + size) } : {}) };
  },
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });

const send = (res: ServerResponse, status: number, body: unknown, contentType = JSON_1_0) => {
  res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
};

/** An error as the JSON 1.0 protocol carries it; the SDK maps `__type` to its exception class. */
const sendError = (res: ServerResponse, status: number, type: string, message: string) =>
  send(res, status, { __type: type, message });

const serve = async (backend: StepFunctionsBackend, req: IncomingMessage, res: ServerResponse) => {
  if (req.method === 'GET' && req.url === '/local/recorded' && backend instanceof RecordingStepFunctions) {
    const executions = backend.listExecutions(backend.stateMachineArn);
    return send(res, 200, { executions, callbacks: backend.callbacks }, 'application/json');
  }
  const target = req.headers['x-amz-target'];
  const name =
    typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const operation = req.method === 'POST' ? OPERATIONS[name] : undefined;
  if (!operation) {
    return sendError(res, 400, 'UnknownOperationException', `not supported locally: ${String(target)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req)) || '{}');
  } catch {
    return sendError(res, 400, 'SerializationException', 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendError(res, 400, 'SerializationException', 'the body is not a JSON object');
  }
  try {
    return send(res, 200, await operation(backend, body as Record<string, unknown>));
  } catch (error) {
    if (error instanceof StepFunctionsError) return sendError(res, 400, error.type, error.message);
    throw error;
  }
};

export interface StepFunctionsApi {
  /** e.g. `http://127.0.0.1:41236`, for `AWS_ENDPOINT_URL_SFN` or a client's `endpoint`. */
  endpoint: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

/**
 * Step Functions' JSON 1.0 API on 127.0.0.1 (`POST /`, `X-Amz-Target: AWSStepFunctions.<Op>`) for the
 * calls the system makes: StartExecution, SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat,
 * DescribeExecution, ListExecutions and GetExecutionHistory (the states entered only). Refusals are
 * HTTP 400 `{ "__type", "message" }`, so the SDK throws its own ExecutionAlreadyExists, TaskTimedOut, InvalidToken… With a RecordingStepFunctions
 * back end, `GET /local/recorded` also lists the executions and callbacks it recorded.
 * Without `port`, the OS picks a free one.
 */
export const startStepFunctionsApi = async (options: {
  backend: StepFunctionsBackend;
  port?: number;
}): Promise<StepFunctionsApi> => {
  const server = createServer((req, res) => {
    serve(options.backend, req, res).catch((error: unknown) => {
      console.error('local Step Functions API:', error);
      if (!res.headersSent) sendError(res, 500, 'InternalFailure', 'the local Step Functions API failed');
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the local Step Functions API is not on TCP');
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }));
  return { endpoint: `http://127.0.0.1:${address.port}`, port: address.port, server, stop };
};
