/**
 * What idempotency costs on the busiest write, POST /v1/returns, side by side: no key, a fresh key per
 * request, and a replay of one key. Import only after bench/environment.ts has set the environment.
 */
import { handler } from '../functions/api/create-return.js';
import { policies, sellers } from '../functions/shared/dependencies/data.js';
import { onboardSeller } from '../functions/use-cases/onboard-seller.js';
import { DEMO_SELLERS } from '../infra/local/demo-sellers.js';
import { lambdaContext, toProxyEvent } from '../infra/local/proxy-event.js';
import { createBody } from '../test/support/requests.js';
import { summarize, timeSequentially } from './measure.js';

const seller = DEMO_SELLERS[0]!;
const body = JSON.stringify(createBody());

const request = (idempotencyKey: string | undefined) =>
  toProxyEvent(
    {
      method: 'POST',
      path: '/v1/returns',
      query: new URLSearchParams(),
      headers: {
        'content-type': 'application/json',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body,
    },
    { path: '/v1/returns', pathParameters: null },
    { sellerId: seller.sellerId },
  );

const scenario = async (name: string, count: number, keyFor: (i: number) => string | undefined) => {
  const timings = await timeSequentially(count, async (i) => {
    const result = await handler(request(keyFor(i)), lambdaContext('CreateReturn'));
    if (result.statusCode !== 201) throw new Error(`${name}: unexpected ${result.statusCode} ${result.body}`);
  });
  return { scenario: name, ...summarize(timings, 'req') };
};

/** One row per scenario, each `count` sequential requests after the warm-up. */
export const benchCreateReturn = async (count: number) => {
  await onboardSeller({ sellers, policies }, seller, new Date());
  return [
    await scenario('no Idempotency-Key', count, () => undefined),
    await scenario('fresh key per request', count, (i) => `fresh-${i}`),
    await scenario('replay of one key', count, () => 'the-same-key'),
  ];
};
