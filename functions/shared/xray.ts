import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { MiddlewareObj } from '@middy/core';

/**
 * X-Ray subsegments for the handler and every AWS SDK call, sent to the Lambda X-Ray daemon as the X-Ray
 * SDK would, without it: Powertools Tracer and aws-xray-sdk-core (with cls-hooked and semver) weighed
 * about 120 KB in every bundle and all of it loaded on each cold start. Lambda's active tracing still
 * records the function's own segment; these subsegments hang under it, so the trace shows the handler,
 * its annotations, and each DynamoDB, SQS, SES and Step Functions call with its table, status and errors.
 *
 * Active only inside Lambda on a sampled trace (`_X_AMZN_TRACE_ID` with `Sampled=1`, which Lambda sets
 * per invocation); anywhere else every function here does nothing.
 */

interface TraceContext {
  root: string;
  parent: string;
}

interface Subsegment {
  name: string;
  id: string;
  start_time: number;
  end_time: number;
  namespace?: 'aws';
  annotations?: Record<string, string | number | boolean>;
  aws?: Record<string, unknown>;
  http?: { response: { status: number } };
  fault?: boolean;
  error?: boolean;
  cause?: { exceptions: Array<{ id: string; message: string; type: string; remote?: boolean }> };
}

const HEADER = '{"format":"json","version":1}\n';

const newId = (): string => randomBytes(8).toString('hex');
const nowSeconds = (): number => Date.now() / 1000;

/** The invocation's trace, from the header Lambda puts in the environment, when it is sampled. */
const sampledTrace = (): TraceContext | undefined => {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return undefined;
  const fields = new Map(
    (process.env._X_AMZN_TRACE_ID ?? '').split(';').map((part) => part.split('=', 2) as [string, string]),
  );
  const root = fields.get('Root');
  const parent = fields.get('Parent');
  return root && parent && fields.get('Sampled') === '1' ? { root, parent } : undefined;
};

/** `AWS_XRAY_DAEMON_ADDRESS`: `host:port`, or `tcp:host:port udp:host:port`; the UDP one is used. */
const daemonAddress = (): { host: string; port: number } => {
  const value = process.env.AWS_XRAY_DAEMON_ADDRESS ?? '127.0.0.1:2000';
  const udp = value.split(' ').find((part) => part.startsWith('udp:')) ?? value;
  const [host, port] = udp.replace(/^udp:/, '').split(':');
  return { host: host ?? '127.0.0.1', port: Number(port ?? 2000) };
};

let socket: Socket | undefined;

/** One UDP datagram per subsegment; a lost datagram loses a subsegment, never the invocation. */
const send = (trace: TraceContext, parentId: string, subsegment: Subsegment): void => {
  socket ??= createSocket('udp4').unref();
  const { host, port } = daemonAddress();
  const document = { ...subsegment, type: 'subsegment', trace_id: trace.root, parent_id: parentId };
  socket.send(HEADER + JSON.stringify(document), port, host, () => undefined);
};

const exceptionOf = (error: unknown, remote: boolean) => ({
  exceptions: [
    {
      id: newId(),
      message: error instanceof Error ? error.message : String(error),
      type: error instanceof Error ? error.name : typeof error,
      ...(remote ? { remote: true } : {}),
    },
  ],
});

/** The invocation under way: its handler subsegment's id, start and annotations. */
let invocation:
  { trace: TraceContext; id: string; start: number; annotations: Subsegment['annotations'] } | undefined;
let coldStart = true;

/** An annotation on the handler subsegment (indexed: traces can be searched by it). */
export const annotate = (key: string, value: string | number | boolean): void => {
  if (invocation) invocation.annotations = { ...invocation.annotations, [key]: value };
};

/**
 * The middy middleware that opens the handler subsegment (`## <handler>`, annotated `ColdStart` and
 * `Service`) before the handler and sends it after, marked as a fault when the handler throws. Like
 * Powertools' `captureLambdaHandler` with `captureResponse: false`: no response is recorded.
 */
export const traceHandler = (serviceName: string): MiddlewareObj => {
  const close = (error?: unknown): void => {
    const open = invocation;
    invocation = undefined;
    if (!open) return;
    send(open.trace, open.trace.parent, {
      name: `## ${process.env._HANDLER ?? 'handler'}`,
      id: open.id,
      start_time: open.start,
      end_time: nowSeconds(),
      ...(open.annotations ? { annotations: open.annotations } : {}),
      ...(error === undefined ? {} : { fault: true, cause: exceptionOf(error, false) }),
    });
  };
  return {
    before: () => {
      const trace = sampledTrace();
      invocation = trace && {
        trace,
        id: newId(),
        start: nowSeconds(),
        annotations: { ColdStart: coldStart, Service: serviceName },
      };
      coldStart = false;
    },
    after: () => close(),
    onError: (request) => close(request.error),
  };
};

interface SdkMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/** The part of an AWS SDK v3 client this needs: its middleware stack and its service id. */
interface TraceableClient {
  config: { serviceId?: string };
  middlewareStack: { add(middleware: SdkMiddleware, options: { step: 'build'; name: string }): void };
}
type SdkCall = (args: { input: Record<string, unknown>; request?: unknown }) => Promise<{ output: unknown }>;
type SdkMiddleware = (next: SdkCall, context: { commandName?: string }) => SdkCall;

/** What the call acted on, under X-Ray's own attribute names. */
const resourceOf = (input: Record<string, unknown>): Record<string, string> => ({
  ...(typeof input.TableName === 'string' ? { table_name: input.TableName } : {}),
  ...(typeof input.QueueUrl === 'string' ? { queue_url: input.QueueUrl } : {}),
});

/** Where the SDK's outcome puts its HTTP status, request id and attempts: on the output, or on the error. */
const metadataOf = (value: unknown): SdkMetadata =>
  (value as { $metadata?: SdkMetadata } | undefined)?.$metadata ?? {};

/**
 * Adds a subsegment per call to an SDK client: service, operation, region, table or queue, request id,
 * retries and HTTP status, an error for a 4xx and a fault otherwise. It also hands the subsegment to the
 * called service in `X-Amzn-Trace-Id`, so Step Functions and SQS continue the same trace. It wraps the
 * whole call, retries included: the SDK retries inside the build step.
 */
export const traceSdkClient = <C extends object>(client: C): C => {
  const traceable = client as unknown as TraceableClient;
  const name = traceable.config.serviceId ?? 'AWS';
  traceable.middlewareStack.add(
    (next, context) => async (args) => {
      const trace = sampledTrace();
      if (!trace) return next(args);
      const parentId = invocation?.id ?? trace.parent;
      const id = newId();
      const request = args.request as { headers?: Record<string, string> } | undefined;
      if (request?.headers) request.headers['X-Amzn-Trace-Id'] = `Root=${trace.root};Parent=${id};Sampled=1`;
      const start = nowSeconds();
      const record = (metadata: SdkMetadata, error?: unknown): void => {
        const status = metadata.httpStatusCode;
        send(trace, parentId, {
          name,
          id,
          start_time: start,
          end_time: nowSeconds(),
          namespace: 'aws',
          aws: {
            operation: (context.commandName ?? 'Call').replace(/Command$/, ''),
            region: process.env.AWS_REGION,
            request_id: metadata.requestId,
            retries: Math.max(0, (metadata.attempts ?? 1) - 1),
            ...resourceOf(args.input),
          },
          ...(status === undefined ? {} : { http: { response: { status } } }),
          ...(error === undefined
            ? {}
            : {
                [status !== undefined && status < 500 ? 'error' : 'fault']: true,
                cause: exceptionOf(error, true),
              }),
        });
      };
      try {
        const result = await next(args);
        record(metadataOf(result.output));
        return result;
      } catch (error) {
        record(metadataOf(error), error);
        throw error;
      }
    },
    { step: 'build', name: 'xraySubsegment' },
  );
  return client;
};
