import { stripeError, type Answer, type Params } from './answers.js';
import { stripeId, type StripeAccount, type StripeLedger } from './ledger.js';

/** `POST /v1/payment_intents`: a paid PaymentIntent, so refunds of it are checked against its amount. */
export const createPaymentIntent = (ledger: StripeLedger, account: StripeAccount, params: Params): Answer => {
  const id = stripeId('pi');
  const amount = Number(params.amount);
  const currency = String(params.currency ?? 'usd');
  account.payments[id] = { amount, currency };
  ledger.save();
  return {
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
};

/** Webhook endpoints: create (with its signing secret, shown once), list and change a URL (secrets hidden). */
export const webhookEndpoints = (
  ledger: StripeLedger,
  account: StripeAccount,
  method: string,
  path: string,
  params: Params,
): Answer | undefined => {
  if (method === 'POST' && path === '/v1/webhook_endpoints') {
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
  const shown = account.endpoints.map(({ secret: _secret, ...rest }) => ({
    object: 'webhook_endpoint',
    ...rest,
  }));
  if (method === 'GET' && path === '/v1/webhook_endpoints') {
    return { status: 200, body: { object: 'list', data: shown, has_more: false, url: path } };
  }
  const id = /^\/v1\/webhook_endpoints\/(we_\w+)$/.exec(path)?.[1];
  const endpoint = account.endpoints.find((e) => e.id === id);
  if (method !== 'POST' || !id) return undefined;
  if (!endpoint)
    return stripeError(404, 'invalid_request_error', `No such webhook endpoint: '${id}'`, {
      code: 'resource_missing',
    });
  if (typeof params.url === 'string') endpoint.url = params.url;
  ledger.save();
  const { secret: _secret, ...changed } = endpoint;
  return { status: 200, body: { object: 'webhook_endpoint', ...changed } };
};
