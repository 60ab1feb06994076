import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoReturnRepository } from '../../functions/adapters/dynamodb/return-repository.js';
import { handler as createReturnHandler } from '../../functions/api/create-return.js';
import { logger, observe, withCorrelation } from '../../functions/shared/observability.js';
import type { PipelinePort } from '../../domain/ports.js';
import { startPipeline } from '../../functions/use-cases/start-pipeline.js';
import { lambdaContext, toProxyEvent } from '../../infra/local/proxy-event.js';
import { makeReturn } from '../support/return-factory.js';
import { createBody, daysAgo } from '../support/requests.js';
import { newSeller } from './support/api.js';
import { tableOptions } from './support/table.js';

// Before the handler modules load (their Powertools instances read the environment once): metrics on,
// as in Lambda, for this file only; INFO logs so refusals are visible; an on-demand (cold) start.
vi.hoisted(() => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Returns/test');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

type Line = Record<string, unknown> & {
  _aws?: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
  };
};

/**
 * Runs `fn` with stdout and stderr captured (and kept off the test output): EMF and logs up to WARN go
 * to stdout, ERROR logs to stderr. Returns each JSON line written.
 */
const outputOf = async (fn: () => Promise<unknown>): Promise<Line[]> => {
  let written = '';
  const capture = (chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  try {
    await fn();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return written
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);
};

const emfWith = (lines: Line[], metric: string): Line[] =>
  lines.filter((l) => l._aws?.CloudWatchMetrics.some((d) => d.Metrics.some((m) => m.Name === metric)));

const createEvent = (sellerId: string, body: unknown): APIGatewayProxyEvent =>
  toProxyEvent(
    {
      method: 'POST',
      path: '/v1/returns',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    { path: '/v1/returns', pathParameters: null },
    { sellerId },
  );

describe('observability', () => {
  let sellerId: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller(['US']));
  });

  it('emits ReturnCreated as EMF with the marketplace, and ColdStart on the first invocation', async () => {
    // Outside the window: the return waits for the seller, so no pipeline is involved.
    const event = createEvent(sellerId, createBody({ deliveredAt: daysAgo(45) }));
    let result: APIGatewayProxyResult | undefined;
    const lines = await outputOf(async () => {
      result = await createReturnHandler(event, lambdaContext('CreateReturn'));
    });
    expect(result?.statusCode).toBe(201);

    const [created, ...moreCreated] = emfWith(lines, 'ReturnCreated');
    expect(moreCreated).toHaveLength(0);
    expect(created).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'Returns/test',
            Dimensions: [['service', 'marketplace']],
            Metrics: [{ Name: 'ReturnCreated', Unit: 'Count' }],
          },
        ],
      },
      service: 'returns',
      marketplace: 'US',
      ReturnCreated: 1,
      correlation_id: event.requestContext.requestId,
    });

    expect(emfWith(lines, 'ColdStart')).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'Returns/test',
              Dimensions: [['service', 'function_name']],
              Metrics: [{ Name: 'ColdStart', Unit: 'Count' }],
            },
          ],
        },
        service: 'returns',
        function_name: 'CreateReturn',
        ColdStart: 1,
      },
    ]);
    // Nothing else: the invocation's own (empty) metric store writes no EMF line and no warning.
    expect(lines.filter((l) => l._aws)).toHaveLength(2);
    expect(lines.filter((l) => String(l.message).startsWith('No application metrics'))).toEqual([]);
  });

  it('counts nothing for a refused request and an idempotent replay', async () => {
    const refused = await outputOf(() =>
      createReturnHandler(createEvent(sellerId, { orderId: '1' }), lambdaContext('CreateReturn')),
    );
    expect(emfWith(refused, 'ReturnCreated')).toEqual([]);

    const body = createBody({ deliveredAt: daysAgo(45), orderId: '113-0000000-0000042' });
    const withKey = (): APIGatewayProxyEvent => {
      const event = createEvent(sellerId, body);
      event.headers['Idempotency-Key'] = `obs-${sellerId}`;
      return event;
    };
    const first = await outputOf(() => createReturnHandler(withKey(), lambdaContext('CreateReturn')));
    const replay = await outputOf(() => createReturnHandler(withKey(), lambdaContext('CreateReturn')));
    expect(emfWith(first, 'ReturnCreated')).toHaveLength(1);
    expect(emfWith(replay, 'ReturnCreated')).toEqual([]);
  });

  it('puts correlation_id (the API Gateway request id) on the log lines of the invocation only', async () => {
    const event = createEvent(sellerId, { orderId: '1', extra: true });
    const lines = await outputOf(async () => {
      await createReturnHandler(event, lambdaContext('CreateReturn'));
      logger.info('between invocations');
    });
    const refusal = lines.find((l) => l.message === 'request refused');
    expect(refusal).toMatchObject({
      level: 'INFO',
      service: 'returns',
      correlation_id: event.requestContext.requestId,
      sellerId,
      function_name: 'CreateReturn',
      function_request_id: expect.any(String),
      status: 400,
    });
    const after = lines.find((l) => l.message === 'between invocations');
    expect(after).toBeDefined();
    expect(after).not.toHaveProperty('correlation_id');
    expect(after).not.toHaveProperty('sellerId');
  });

  it('lets a pipeline task or webhook carry its input correlationId with withCorrelation()', async () => {
    const task = middy<{ correlationId: string }, void, Error, Context>()
      .use(observe())
      .handler(async (input) => {
        withCorrelation(input.correlationId);
        logger.info('task ran');
      });
    const lines = await outputOf(() => task({ correlationId: 'req-123' }, lambdaContext('IssueLabel')));
    expect(lines.find((l) => l.message === 'task ran')).toMatchObject({
      correlation_id: 'req-123',
      function_name: 'IssueLabel',
    });
  });

  it('emits ReturnNeedsAttention when the pipeline cannot be started', async () => {
    const returns = new DynamoReturnRepository(tableOptions());
    const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
    await returns.create(ret);
    const failing: PipelinePort = {
      start: () => Promise.reject(new Error('state machine unreachable')),
      resume: () => Promise.resolve(),
      abandon: () => Promise.resolve(),
      sendOn: () => Promise.resolve(),
    };
    let status: string | undefined;
    const lines = await outputOf(async () => {
      withCorrelation('req-attention');
      ({ status } = await startPipeline(
        {
          returns,
          clock: { now: () => new Date() },
          pipeline: failing,
          policies: { get: async () => undefined },
        },
        ret,
        'req-attention',
      ));
    });
    expect(status).toBe('NEEDS_ATTENTION');
    expect(lines.find((l) => l.message === 'pipeline not started')).toMatchObject({
      level: 'ERROR',
      correlation_id: 'req-attention',
      returnId: ret.id,
    });
    expect(emfWith(lines, 'ReturnNeedsAttention')).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'Returns/test',
              Dimensions: [['service']],
              Metrics: [{ Name: 'ReturnNeedsAttention', Unit: 'Count' }],
            },
          ],
        },
        service: 'returns',
        ReturnNeedsAttention: 1,
        correlation_id: 'req-attention',
      },
    ]);
    logger.resetKeys();
  });

  it('writes no EMF at all with POWERTOOLS_METRICS_DISABLED=true (local runs and tests)', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    vi.resetModules();
    const fresh = await import('../../functions/shared/observability.js');
    const lines = await outputOf(async () => {
      fresh.countReturnCreated('US');
      fresh.countNeedsAttention();
      const handler = middy<unknown, void, Error, Context>()
        .use(fresh.observe())
        .handler(async () => {
          fresh.metrics.addMetric('Anything', 'Count', 1);
        });
      await handler({}, lambdaContext('Anything'));
    });
    expect(lines.filter((l) => l._aws)).toEqual([]);
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  });
});
