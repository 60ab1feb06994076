import { createSocket, type Socket } from 'node:dgram';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentClient, tableNameFromEnv } from '../../functions/adapters/dynamodb/document-client.js';
import { observe, withCorrelation } from '../../functions/shared/observability.js';
import { lambdaContext } from '../../infra/local/proxy-event.js';
import { uniqueId } from './support/table.js';

type Document = Record<string, unknown> & { id: string; parent_id: string; name: string };

const ROOT = '1-6757f0a2-0123456789abcdef01234567';
const PARENT = '53995c3f42cd8ad8';

/** A stand-in X-Ray daemon: every datagram it receives, as the segment document after the header line. */
let daemon: Socket;
let received: Document[] = [];
beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (message) => {
    const [header, body] = message.toString('utf8').split('\n', 2);
    expect(JSON.parse(header!)).toEqual({ format: 'json', version: 1 });
    received.push(JSON.parse(body!) as Document);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
});
afterAll(() => daemon.close());
afterEach(() => {
  vi.unstubAllEnvs();
  received = [];
});

const inLambda = (sampled: '0' | '1') => {
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'returns-test');
  vi.stubEnv('_HANDLER', 'index.handler');
  vi.stubEnv('AWS_XRAY_DAEMON_ADDRESS', `127.0.0.1:${daemon.address().port}`);
  vi.stubEnv('_X_AMZN_TRACE_ID', `Root=${ROOT};Parent=${PARENT};Sampled=${sampled}`);
};

/** Received documents settle within a few ms on loopback; wait until `count` arrived (or give up). */
const documents = async (count: number): Promise<Document[]> => {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return received;
};

const key = () => ({ pk: uniqueId('XRAY'), sk: 'ITEM' });

const handlerThat = (work: () => Promise<unknown>) =>
  middy<unknown, void, Error, Context>()
    .use(observe())
    .handler(async () => {
      withCorrelation('req-traced');
      await work();
    });

describe('X-Ray subsegments without the X-Ray SDK', () => {
  it('sends the handler subsegment under the function segment, and a DynamoDB one under it per call', async () => {
    inLambda('1');
    const item = key();
    await handlerThat(async () => {
      await documentClient.send(new PutCommand({ TableName: tableNameFromEnv(), Item: item }));
      await documentClient.send(new GetCommand({ TableName: tableNameFromEnv(), Key: item }));
    })({}, lambdaContext('Traced'));

    const sent = await documents(3);
    const handlerSegment = sent.find((d) => d.name === '## index.handler');
    expect(handlerSegment).toMatchObject({
      type: 'subsegment',
      trace_id: ROOT,
      parent_id: PARENT,
      annotations: { ColdStart: expect.any(Boolean), Service: 'returns', correlation_id: 'req-traced' },
    });
    const calls = sent.filter((d) => d.name === 'DynamoDB');
    expect(calls.map((d) => (d.aws as { operation: string }).operation)).toEqual(['PutItem', 'GetItem']);
    for (const call of calls) {
      expect(call).toMatchObject({
        type: 'subsegment',
        trace_id: ROOT,
        parent_id: handlerSegment!.id,
        namespace: 'aws',
        aws: { region: 'us-east-1', table_name: tableNameFromEnv(), retries: 0 },
        http: { response: { status: 200 } },
      });
      expect(call.end_time as number).toBeGreaterThanOrEqual(call.start_time as number);
      expect(call).not.toHaveProperty('fault');
    }
    expect(new Set(sent.map((d) => d.id)).size).toBe(sent.length);
  });

  it('marks a refused call as an error (4xx) and a throwing handler as a fault, and rethrows both', async () => {
    inLambda('1');
    const failing = handlerThat(() =>
      documentClient.send(new GetCommand({ TableName: 'no-such-table', Key: key() })),
    );
    await expect(failing({}, lambdaContext('Traced'))).rejects.toThrow(/non-existent table|not found/i);

    const sent = await documents(2);
    const call = sent.find((d) => d.name === 'DynamoDB');
    expect(call).toMatchObject({
      error: true,
      http: { response: { status: 400 } },
      cause: { exceptions: [{ type: 'ResourceNotFoundException', remote: true }] },
    });
    expect(sent.find((d) => d.name === '## index.handler')).toMatchObject({
      fault: true,
      cause: { exceptions: [{ type: 'ResourceNotFoundException' }] },
    });
  });

  it('sends nothing when the invocation is not sampled, or outside Lambda', async () => {
    inLambda('0');
    await handlerThat(() =>
      documentClient.send(new GetCommand({ TableName: tableNameFromEnv(), Key: key() })),
    )({}, lambdaContext('Traced'));
    vi.unstubAllEnvs();
    vi.stubEnv('AWS_XRAY_DAEMON_ADDRESS', `127.0.0.1:${daemon.address().port}`);
    await handlerThat(() =>
      documentClient.send(new GetCommand({ TableName: tableNameFromEnv(), Key: key() })),
    )({}, lambdaContext('Traced'));
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([]);
  });
});
