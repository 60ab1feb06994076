import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { takeMode } from './control.js';
import { StripeLedger, stripeId, type StripeAccount, type StripeRefund } from './ledger.js';
import { sendRefundEvent } from './webhooks.js';

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

type Params = Record<string, string | string[] | Record<string, string>>;
interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const error = (
  status: number,
  type: string,
  message: string,
  extra: Record<string, string> = {},
): Answer => ({
  status,
  body: { error: { type, message, ...extra } },
});

/** Stripe's form encoding, as the SDK sends it: `a=1&metadata[k]=v&enabled_events[0]=x`. */
const parseForm = (text: string): Params => {
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const nested = /^(\w+)\[(\w*)\]$/.exec(name);
    if (!nested) params[name] = value;
    else if (nested[2] === '' || /^\d+$/.test(nested[2]!))
      ((params[nested[1]!] ??= []) as string[]).push(value);
    else ((params[nested[1]!] ??= {}) as Record<string, string>)[nested[2]!] = value;
  }
  return params;
};

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
 * so that refunds can be checked against what was paid), webhook endpoints (create: their events are
 * delivered signed, as Stripe signs them), Stripe's idempotency rules (the same key and parameters answer
 * the first answer again, even a 500; other parameters are a 400 idempotency_error), and failure modes
 * from a control file. `GET /local/ledger` shows every refund with its key, and every event sent.
 * A PaymentIntent or Charge it never saw is taken as paid for any amount.
 */
export const startStripeStandIn = async (options: StripeStandInOptions = {}): Promise<StripeStandIn> => {
  const ledger = new StripeLedger(options.ledgerFile);
  const timers = new Set<NodeJS.Timeout>();
  const held = new Set<ServerResponse>();

  const later = (seconds: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, seconds * 1000);
    timers.add(timer);
  };

  const moveRefund = (account: StripeAccount, refund: StripeRefund, change: Partial<StripeRefund>) => {
    const previous = { status: refund.status };
    Object.assign(refund, change);
    ledger.save();
    sendRefundEvent(account, 'refund.updated', refund, previous);
    if (refund.status === 'failed') sendRefundEvent(account, 'refund.failed', refund, previous);
  };

  const createRefund = async (
    account: StripeAccount,
    params: Params,
    key: string | undefined,
    response: ServerResponse,
  ): Promise<Answer | undefined> => {
    const paymentIntent = typeof params.payment_intent === 'string' ? params.payment_intent : undefined;
    const charge = typeof params.charge === 'string' ? params.charge : undefined;
    if ((paymentIntent === undefined) === (charge === undefined)) {
      return error(400, 'invalid_request_error', 'You must pass exactly one of charge or payment_intent.', {
        code: 'parameter_missing',
      });
    }
    const amount = Number(params.amount);
    if (!Number.isInteger(amount) || amount < 1) {
      return error(400, 'invalid_request_error', 'Invalid positive integer', {
        code: 'parameter_invalid_integer',
        param: 'amount',
      });
    }
    const source = (paymentIntent ?? charge)!;
    const paid = account.payments[source];
    const currency = typeof params.currency === 'string' ? params.currency : (paid?.currency ?? 'usd');
    const answered = (answer: Answer): Answer => {
      if (key)
        account.idempotency[key] = {
          path: '/v1/refunds',
          params: JSON.stringify(params),
          status: answer.status,
          body: answer.body,
        };
      ledger.save();
      return answer;
    };
    if (paid) {
      const refunded = account.refunds
        .filter(
          (r) =>
            (r.payment_intent ?? r.charge) === source && r.status !== 'failed' && r.status !== 'canceled',
        )
        .reduce((total, r) => total + r.amount, 0);
      if (refunded >= paid.amount) {
        return answered(
          error(400, 'invalid_request_error', `Charge ${source} has already been refunded.`, {
            code: 'charge_already_refunded',
          }),
        );
      }
      if (amount > paid.amount - refunded) {
        return answered(
          error(
            400,
            'invalid_request_error',
            `Refund amount (${amount}) is greater than unrefunded amount on charge (${paid.amount - refunded})`,
            { code: 'amount_too_large', param: 'amount' },
          ),
        );
      }
    }
    const { mode, seconds } = await takeMode(options.controlFile);
    if (mode === 'decline') {
      return answered(
        error(402, 'card_error', 'The refund was declined by the card issuer.', {
          code: 'card_declined',
          decline_code: 'generic_decline',
        }),
      );
    }
    const refund: StripeRefund = {
      id: stripeId('re'),
      object: 'refund',
      amount,
      currency,
      charge: charge ?? `ch_${source.slice(3)}`,
      payment_intent: paymentIntent ?? null,
      status: mode === 'pending' ? 'pending' : 'succeeded',
      metadata: (params.metadata as Record<string, string> | undefined) ?? {},
      reason: null,
      created: Math.floor(Date.now() / 1000),
    };
    account.refunds.push(refund);
    if (key) account.refundKeys[refund.id] = key;
    sendRefundEvent(account, 'refund.created', refund, undefined);
    if (mode === 'pending') later(seconds, () => moveRefund(account, refund, { status: 'succeeded' }));
    if (mode === 'fail-after-success') {
      later(seconds, () =>
        moveRefund(account, refund, { status: 'failed', failure_reason: 'expired_or_canceled_card' }),
      );
    }
    if (mode === 'error-after-refund') return answered(error(500, 'api_error', 'An unknown error occurred'));
    const answer = answered({ status: 200, body: refund });
    if (mode === 'crash-after-refund') process.exit(137); // a host killed by SIGKILL exits with 137
    if (mode === 'timeout-after-refund') {
      held.add(response); // answered at stop, if ever: the client has long given up
      return undefined;
    }
    return answer;
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<Answer | undefined> => {
    const url = new URL(request.url ?? '/', 'http://stripe.local');
    if (request.method === 'GET' && url.pathname === '/local/ledger') {
      return { status: 200, body: { refunds: ledger.refunds() } };
    }
    const auth = /^Bearer ((sk|rk)_test_\w+)$/.exec(request.headers.authorization ?? '');
    if (!auth) return error(401, 'invalid_request_error', 'Invalid API Key provided.');
    const account = ledger.account(auth[1]!);
    const params = parseForm(request.method === 'POST' ? await readBody(request) : url.search.slice(1));
    const key = request.headers['idempotency-key'] as string | undefined;

    if (request.method === 'POST' && key && account.idempotency[key]) {
      const first = account.idempotency[key];
      if (first.path !== url.pathname || first.params !== JSON.stringify(params)) {
        return error(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return { status: first.status, body: first.body, headers: { 'idempotent-replayed': 'true' } };
    }
    const refundPath = /^\/v1\/refunds\/(re_\w+)$/.exec(url.pathname);
    if (request.method === 'POST' && url.pathname === '/v1/refunds')
      return createRefund(account, params, key, response);
    if (request.method === 'GET' && refundPath) {
      const refund = account.refunds.find((r) => r.id === refundPath[1]);
      return refund
        ? { status: 200, body: refund }
        : error(404, 'invalid_request_error', `No such refund: '${refundPath[1]}'`, {
            code: 'resource_missing',
          });
    }
    if (request.method === 'GET' && url.pathname === '/v1/refunds') {
      const data = account.refunds
        .filter(
          (r) =>
            (!params.payment_intent || r.payment_intent === params.payment_intent) &&
            (!params.charge || r.charge === params.charge),
        )
        .reverse();
      return { status: 200, body: { object: 'list', data, has_more: false, url: '/v1/refunds' } };
    }
    if (request.method === 'POST' && url.pathname === '/v1/payment_intents') {
      const id = stripeId('pi');
      const amount = Number(params.amount);
      const currency = String(params.currency ?? 'usd');
      account.payments[id] = { amount, currency };
      const answer = {
        status: 200,
        body: {
          id,
          object: 'payment_intent',
          amount,
          currency,
          status: 'succeeded',
          latest_charge: `ch_${id.slice(3)}`,
        },
      };
      if (key) account.idempotency[key] = { path: url.pathname, params: JSON.stringify(params), ...answer };
      ledger.save();
      return answer;
    }
    if (request.method === 'POST' && url.pathname === '/v1/webhook_endpoints') {
      const endpoint = {
        id: stripeId('we'),
        url: String(params.url),
        secret: stripeId('whsec'),
        enabled_events: (params.enabled_events as string[] | undefined) ?? ['*'],
      };
      account.endpoints.push(endpoint);
      ledger.save();
      return { status: 200, body: { object: 'webhook_endpoint', status: 'enabled', ...endpoint } };
    }
    return error(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${request.method}: ${url.pathname}).`,
    );
  };

  const server: Server = createServer((request, response) => {
    route(request, response).then(
      (answer) => {
        if (!answer) return;
        response.writeHead(answer.status, {
          'content-type': 'application/json',
          'request-id': stripeId('req'),
          ...answer.headers,
        });
        response.end(JSON.stringify(answer.body));
      },
      (failure: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { type: 'api_error', message: String(failure) } }));
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
