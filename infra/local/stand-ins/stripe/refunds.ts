import { takeMode } from './control.js';
import { stripeError, type Answer, type Params } from './answers.js';
import { stripeId, type StripeAccount, type StripeLedger, type StripeRefund } from './ledger.js';
import { sendRefundEvent } from './webhooks.js';

export interface RefundDesk {
  ledger: StripeLedger;
  controlFile: string | undefined;
  /** Runs `run` after `seconds`, unless the stand-in stops first. */
  later(seconds: number, run: () => void): void;
}

/** `hold`: the answer is kept back (a timeout after the refund was made). */
export type RefundAnswer = Answer | 'hold';

const moveRefund = (
  desk: RefundDesk,
  account: StripeAccount,
  refund: StripeRefund,
  change: Partial<StripeRefund>,
) => {
  const previous = { status: refund.status };
  Object.assign(refund, change);
  desk.ledger.save();
  sendRefundEvent(account, 'refund.updated', refund, previous);
  if (refund.status === 'failed') sendRefundEvent(account, 'refund.failed', refund, previous);
};

/** What is left to refund of a PaymentIntent the stand-in created; undefined for one it never saw. */
const unrefunded = (account: StripeAccount, source: string): number | undefined => {
  const paid = account.payments[source];
  if (!paid) return undefined;
  const refunded = account.refunds
    .filter(
      (r) => (r.payment_intent ?? r.charge) === source && r.status !== 'failed' && r.status !== 'canceled',
    )
    .reduce((total, r) => total + r.amount, 0);
  return paid.amount - refunded;
};

/**
 * `POST /v1/refunds`: checks the parameters (not kept for the key when they fail, as Stripe keeps only
 * requests that began), then what is left to refund, then the control file's mode; keeps the answer
 * under the Idempotency-Key (a 402 and a 500 included), and tells the account's endpoints.
 */
export const createRefund = async (
  desk: RefundDesk,
  account: StripeAccount,
  params: Params,
  key: string | undefined,
): Promise<RefundAnswer> => {
  const paymentIntent = typeof params.payment_intent === 'string' ? params.payment_intent : undefined;
  const charge = typeof params.charge === 'string' ? params.charge : undefined;
  if ((paymentIntent === undefined) === (charge === undefined)) {
    return stripeError(
      400,
      'invalid_request_error',
      'You must pass exactly one of charge or payment_intent.',
      {
        code: 'parameter_missing',
      },
    );
  }
  const amount = Number(params.amount);
  if (!Number.isInteger(amount) || amount < 1) {
    return stripeError(400, 'invalid_request_error', 'Invalid positive integer', {
      code: 'parameter_invalid_integer',
      param: 'amount',
    });
  }
  const source = (paymentIntent ?? charge)!;
  const answered = (answer: Answer): Answer => {
    if (key)
      account.idempotency[key] = {
        path: '/v1/refunds',
        params: JSON.stringify(params),
        status: answer.status,
        body: answer.body,
      };
    desk.ledger.save();
    return answer;
  };
  const left = unrefunded(account, source);
  if (left !== undefined && left <= 0) {
    return answered(
      stripeError(400, 'invalid_request_error', `Charge ${source} has already been refunded.`, {
        code: 'charge_already_refunded',
      }),
    );
  }
  if (left !== undefined && amount > left) {
    return answered(
      stripeError(
        400,
        'invalid_request_error',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
        {
          code: 'amount_too_large',
          param: 'amount',
        },
      ),
    );
  }
  const { mode, seconds } = await takeMode(desk.controlFile);
  if (mode === 'outage') return stripeError(503, 'api_error', 'Stripe is temporarily unavailable.');
  if (mode === 'decline') {
    return answered(
      stripeError(402, 'card_error', 'The refund was declined by the card issuer.', {
        code: 'card_declined',
        decline_code: 'generic_decline',
      }),
    );
  }
  const refund: StripeRefund = {
    id: stripeId('re'),
    object: 'refund',
    amount,
    currency:
      typeof params.currency === 'string' ? params.currency : (account.payments[source]?.currency ?? 'usd'),
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
  if (mode === 'pending')
    desk.later(seconds, () => moveRefund(desk, account, refund, { status: 'succeeded' }));
  if (mode === 'fail-after-success') {
    desk.later(seconds, () =>
      moveRefund(desk, account, refund, { status: 'failed', failure_reason: 'expired_or_canceled_card' }),
    );
  }
  if (mode === 'error-after-refund')
    return answered(stripeError(500, 'api_error', 'An unknown error occurred'));
  answered({ status: 200, body: refund });
  if (mode === 'crash-after-refund') process.exit(137); // what a host killed by SIGKILL exits with
  return mode === 'timeout-after-refund' ? 'hold' : { status: 200, body: refund };
};

/** `GET /v1/refunds?payment_intent=|charge=`: the payment's refunds, newest first. */
export const listRefunds = (account: StripeAccount, params: Params): Answer => {
  const data = account.refunds
    .filter(
      (r) =>
        (!params.payment_intent || r.payment_intent === params.payment_intent) &&
        (!params.charge || r.charge === params.charge),
    )
    .reverse();
  return { status: 200, body: { object: 'list', data, has_more: false, url: '/v1/refunds' } };
};
