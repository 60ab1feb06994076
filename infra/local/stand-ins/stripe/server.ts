import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseForm, stripeError, type Answer } from './answers.js';
import { StripeLedger, stripeId } from './ledger.js';
import { createRefund, listRefunds, type RefundAnswer, type RefundDesk } from './refunds.js';
import { createPaymentIntent, webhookEndpoints } from './resources.js';

export interface StripeStandInOptions {
  port?: number;
  /** Where its books are kept across restarts; in memory only without one. */
  ledgerFile?: string;
  /** The control file of failure modes (control.ts). */
  controlFile?: string;
}

export interface StripeStandIn {
  /** e.g. `http://127.0.0.1:41237`, for STRIPE_API_BASE. */
  endpoint: string;
  ledger: StripeLedger;
  stop(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * A stand-in for Stripe's API, for local runs and tests, that the real `stripe` SDK talks to (through its
 * host, port and protocol options): refunds (create, retrieve, list by payment), PaymentIntents (create,
 * so that refunds can be checked against what was paid), webhook endpoints (create, list, change a URL:
 * their events are delivered signed, as Stripe signs them), Stripe's idempotency rules (the same key and
 * parameters answer the first answer again, even a 500; other parameters are a 400 idempotency_error),
 * and failure modes from a control file (control.ts). Any `sk_test_`/`rk_test_` key is an account of its
 * own. `GET /local/ledger` shows every refund with the key it was made under, for tests and demos.
 * A PaymentIntent or Charge it never saw is taken as paid for any amount.
 */
export const startStripeStandIn = async (options: StripeStandInOptions = {}): Promise<StripeStandIn> => {
  const ledger = new StripeLedger(options.ledgerFile);
  const timers = new Set<NodeJS.Timeout>();
  const held = new Set<ServerResponse>();
  const inFlight = new Set<string>();
  const desk: RefundDesk = {
    ledger,
    controlFile: options.controlFile,
    later: (seconds, run) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, seconds * 1000);
      timers.add(timer);
    },
  };

  const route = async (request: IncomingMessage): Promise<RefundAnswer> => {
    const url = new URL(request.url ?? '/', 'http://stripe.local');
    const method = request.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/local/ledger') {
      return { status: 200, body: { refunds: ledger.refunds() } };
    }
    const auth = /^Bearer ((sk|rk)_test_\w+)$/.exec(request.headers.authorization ?? '');
    if (!auth) return stripeError(401, 'invalid_request_error', 'Invalid API Key provided.');
    const account = ledger.account(auth[1]!);
    const params = parseForm(method === 'POST' ? await readBody(request) : url.search.slice(1));
    const key = request.headers['idempotency-key'] as string | undefined;

    const first = method === 'POST' && key ? account.idempotency[key] : undefined;
    if (first) {
      if (first.path !== url.pathname || first.params !== JSON.stringify(params)) {
        return stripeError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return { status: first.status, body: first.body, headers: { 'idempotent-replayed': 'true' } };
    }
    if (method === 'POST' && url.pathname === '/v1/refunds') {
      // As Stripe: a request under a key still in flight is refused (409), never run a second time.
      const flight = key && `${auth[1]}\n${key}`;
      if (flight && inFlight.has(flight)) {
        return stripeError(
          409,
          'idempotency_error',
          'There is currently another in-progress request using this Idempotent Key.',
          {
            code: 'idempotency_key_in_use',
          },
        );
      }
      if (flight) inFlight.add(flight);
      try {
        return await createRefund(desk, account, params, key);
      } finally {
        if (flight) inFlight.delete(flight);
      }
    }
    if (method === 'GET' && url.pathname === '/v1/refunds') return listRefunds(account, params);
    const refundId = /^\/v1\/refunds\/(re_\w+)$/.exec(url.pathname)?.[1];
    if (method === 'GET' && refundId) {
      const refund = account.refunds.find((r) => r.id === refundId);
      return refund
        ? { status: 200, body: refund }
        : stripeError(404, 'invalid_request_error', `No such refund: '${refundId}'`, {
            code: 'resource_missing',
          });
    }
    if (method === 'POST' && url.pathname === '/v1/payment_intents')
      return createPaymentIntent(ledger, account, params);
    return (
      webhookEndpoints(ledger, account, method, url.pathname, params) ??
      stripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${url.pathname}).`)
    );
  };

  const server: Server = createServer((request, response) => {
    route(request).then(
      (answer) => {
        if (answer === 'hold') {
          held.add(response); // never answered: the client has long given up by the time it stops
          return;
        }
        response.writeHead(answer.status, {
          'content-type': 'application/json',
          'request-id': stripeId('req'),
          ...answer.headers,
        });
        response.end(JSON.stringify(answer.body));
      },
      (failure: unknown) => {
        const answer: Answer = stripeError(500, 'api_error', String(failure));
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    ledger,
    stop: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const response of held) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
