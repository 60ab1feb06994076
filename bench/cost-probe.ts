/**
 * Loaded with `node --import` into the local runtime the cost model measures, from outside its code:
 * it records each handler invocation (function, duration, bytes logged), every state the local Step
 * Functions interpreter enters, and labels each DynamoDB request with the function and the project's
 * frames that made it, for the counting proxy. A runtime that cannot be pointed at another DynamoDB
 * (COST_PROBE_DYNAMODB_FROM) has its DynamoDB requests sent to the proxy (COST_PROBE_DYNAMODB_TO).
 *
 * It writes one JSON line per event to COST_PROBE_FILE: `{ kind: 'invocation', fn, ms, logBytes }` or
 * `{ kind: 'state', execution, type, state }`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, readFileSync, realpathSync } from 'node:fs';
import http from 'node:http';
import { register, syncBuiltinESMExports } from 'node:module';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CALLER_HEADER, STACK_HEADER, STACK_SEPARATOR } from './dynamodb-caller-headers.js';

const file = process.env.COST_PROBE_FILE!;
const from = process.env.COST_PROBE_DYNAMODB_FROM;
const to = process.env.COST_PROBE_DYNAMODB_TO!;
const root = realpathSync(process.cwd());

interface Invocation {
  fn: string;
  logBytes: number;
}
const running = new AsyncLocalStorage<Invocation>();
const record = (event: Record<string, unknown>) => appendFileSync(file, `${JSON.stringify(event)}\n`);

type Handler = (...args: unknown[]) => unknown;
(globalThis as { __costProbeHandler?: unknown }).__costProbeHandler = (fn: string, handler: Handler) =>
  async function (this: unknown, ...args: unknown[]) {
    const invocation: Invocation = { fn, logBytes: 0 };
    const started = performance.now();
    try {
      return await running.run(invocation, () => handler.apply(this, args));
    } finally {
      record({ kind: 'invocation', fn, ms: performance.now() - started, logBytes: invocation.logBytes });
    }
  };

// What a function writes to stdout or stderr is what CloudWatch Logs would ingest.
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const invocation = running.getStore();
    if (invocation)
      invocation.logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

const POWERTOOLS = /node_modules\/(@aws-lambda-powertools\/[^/]+)\//;

/**
 * The frames above this point that say where a call comes from, innermost first: the project's
 * (`function (path)`) and, for calls Powertools makes itself (idempotency), its package's name.
 */
const callerFrames = (): string => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack
    .split('\n')
    .map((line) => /at (?:async )?(?:(\S+) \()?(file:\/\/[^:)]+|\/[^:)]+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const path = relative(root, m[2]!.startsWith('file:') ? fileURLToPath(m[2]!) : m[2]!);
      const powertools = POWERTOOLS.exec(path)?.[1];
      if (powertools) return powertools;
      if (!/^(functions|domain)\//.test(path)) return undefined;
      return m[1] ? `${m[1]} (${path})` : path;
    })
    .filter((frame, i, all): frame is string => frame !== undefined && all.indexOf(frame) === i)
    .join(STACK_SEPARATOR);
};

const proxyPort = new URL(to).port;
const request = http.request;
/** How the SDK's HTTP handler calls `http.request`: with one options object. */
type RequestOptions = Omit<http.RequestOptions, 'headers'> & { headers?: Record<string, string> };
http.request = ((...args: [RequestOptions | string | URL, ...unknown[]]) => {
  const [options] = args;
  if (typeof options === 'object' && !(options instanceof URL)) {
    const port = String(options.port ?? '');
    if (port === proxyPort || (from !== undefined && port === from)) {
      options.port = proxyPort;
      options.headers = {
        ...options.headers,
        [CALLER_HEADER]: running.getStore()?.fn ?? 'local-runtime',
        [STACK_HEADER]: callerFrames(),
      };
    }
  }
  return (request as (...a: unknown[]) => http.ClientRequest)(...args);
}) as typeof http.request;
syncBuiltinESMExports();

/** The interpreter the local runner uses, from the measured tree (its own copy of the package). */
const stepFunctionsModule = (): string => {
  // Real paths, as the ESM loader resolves them: a linked node_modules must give the same module.
  const dir = realpathSync(join(root, 'node_modules', 'aws-local-stepfunctions'));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    exports: { import: string };
  };
  return pathToFileURL(join(dir, manifest.exports.import)).href;
};

interface Execution {
  eventLogs: AsyncIterable<{ type: string; state?: { name: string; type: string } }>;
}
const { StateMachine } = (await import(stepFunctionsModule())) as {
  StateMachine: {
    prototype: {
      run: (input: unknown, options?: { context?: { Execution?: { Name?: string } } }) => Execution;
    };
  };
};
type ExecutionEvent = Execution['eventLogs'] extends AsyncIterable<infer E> ? E : never;

const run = StateMachine.prototype.run;
StateMachine.prototype.run = function (this: unknown, input, options) {
  const execution = run.call(this, input, options);
  const name = options?.context?.Execution?.Name;
  // The log can be read once, and the runner may read it too (its history): read it here and hand the
  // runner a copy, event by event.
  const copy: ExecutionEvent[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  void (async () => {
    for await (const event of execution.eventLogs) {
      if (event.state) record({ kind: 'state', execution: name, type: event.type, state: event.state.name });
      copy.push(event);
      wake?.();
    }
    ended = true;
    wake?.();
  })();
  execution.eventLogs = (async function* () {
    for (;;) {
      const next = copy.shift();
      if (next) yield next;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  })();
  return execution;
};

register('./cost-probe-hooks.ts', import.meta.url);
