import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveLocally } from './local-server.js';

/** An error an AWS JSON API answers with: its `__type` and message, as a 400. */
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export type AwsJsonOperations = Record<string, (request: Record<string, unknown>) => unknown>;

/**
 * An HTTP server speaking the AWS JSON 1.1 protocol (the operation in `X-Amz-Target`, JSON in and out),
 * on 127.0.0.1, for the local stand-ins of AWS services (KMS, Secrets Manager), so the real SDK clients
 * talk to them. `invalid` is the `__type` of a body that is not what an operation expects.
 */
export const startAwsJsonServer = async (
  operations: AwsJsonOperations,
  options: { port?: number; invalid: string },
): Promise<{ endpoint: string; stop(): Promise<void> }> => {
  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(body));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const operation = operations[String(request.headers['x-amz-target'])];
    if (!operation) {
      answer(response, 400, {
        __type: 'UnknownOperationException',
        message: 'not implemented by the stand-in',
      });
      return;
    }
    try {
      answer(response, 200, operation(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
    } catch (error) {
      const known =
        error instanceof AwsJsonError ? error : new AwsJsonError(options.invalid, 'malformed request');
      answer(response, 400, { __type: known.type, message: known.message });
    }
  };

  return serveLocally(handle, options.port);
};
