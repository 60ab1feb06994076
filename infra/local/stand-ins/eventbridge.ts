import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { serveLocally } from './local-server.js';

/** One entry as PutEvents took it, with the id it answered and when. */
export interface RecordedEntry {
  EventId: string;
  Time: string;
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
}

export interface EventBridgeStandIn {
  /** e.g. `http://127.0.0.1:41237`, for `AWS_ENDPOINT_URL_EVENTBRIDGE`. */
  endpoint: string;
  /** Everything put so far (also served as JSON at `GET /entries`). */
  entries(): RecordedEntry[];
  stop(): Promise<void>;
}

/**
 * A recording stand-in for Amazon EventBridge, speaking its JSON API (`AWSEvents.PutEvents`), so the real
 * `@aws-sdk/client-eventbridge` puts events in local runs and tests exactly as deployed. It routes
 * nothing: it keeps each entry, answers each with an id, appends it to `logFile` (one JSON line each,
 * kept across restarts) and lists them at `GET /entries`. Requests are not signature-checked; it listens
 * on 127.0.0.1 only.
 */
export const startEventBridge = async (
  options: { logFile?: string; port?: number } = {},
): Promise<EventBridgeStandIn> => {
  const recorded: RecordedEntry[] = [];
  if (options.logFile) await mkdir(dirname(options.logFile), { recursive: true });

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(body));
  };

  const putEvents = async (body: { Entries?: Omit<RecordedEntry, 'EventId' | 'Time'>[] }) => {
    const entries = (body.Entries ?? []).map((entry) => ({
      ...entry,
      EventId: randomUUID(),
      Time: new Date().toISOString(),
    }));
    recorded.push(...entries);
    if (options.logFile && entries.length > 0) {
      await appendFile(options.logFile, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    }
    return { FailedEntryCount: 0, Entries: entries.map(({ EventId }) => ({ EventId })) };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && request.url === '/entries') {
      answer(response, 200, { entries: recorded });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
      answer(response, 400, {
        __type: 'UnknownOperationException',
        message: 'not implemented by the stand-in',
      });
      return;
    }
    try {
      answer(response, 200, await putEvents(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
    } catch {
      answer(response, 400, { __type: 'ValidationException', message: 'malformed request' });
    }
  };

  const served = await serveLocally(handle, options.port);
  return {
    endpoint: served.endpoint,
    entries: () => [...recorded],
    stop: served.stop,
  };
};
