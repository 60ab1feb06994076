import { beforeAll, describe, expect, it } from 'vitest';
import { INSPECTION_QUEUE } from '../../functions/consumers/inspection-queue-contract.js';
import { CONFIGURED_REGIONS } from '../../infra/config/index.js';
import { INSPECTION_CONSUMER_ENTRY } from '../../infra/constructs/inspection-queue.js';
import { logicalId, synthRegions, type SynthesizedRegion } from './synth-region.js';

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };
interface PolicyStatement {
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

// One region is enough: the queue does not depend on the region (nag.test.ts and iam.test.ts check
// every region). Bundling is skipped: only the template is read.
const region = CONFIGURED_REGIONS[0]!;
let s: SynthesizedRegion;
let resources: Record<string, Resource>;
let queueId: string;
let dlqId: string;
let consumerId: string;
beforeAll(() => {
  s = synthRegions([region], { bundle: false }).get(region)!;
  resources = s.api.toJSON().Resources as Record<string, Resource>;
  const { inspectionQueue } = s.stacks.api;
  queueId = logicalId(inspectionQueue.queue, s.stacks.api);
  dlqId = logicalId(inspectionQueue.deadLetterQueue, s.stacks.api);
  consumerId = logicalId(inspectionQueue.consumer.function, s.stacks.api);
}, 300_000);

describe('the inspection queue', () => {
  it('is a queue and its dead-letter queue, both encrypted with SQS-managed keys, neither with a fixed name', () => {
    s.api.resourceCountIs('AWS::SQS::Queue', 2);
    for (const id of [queueId, dlqId]) {
      expect(resources[id]?.Type, id).toBe('AWS::SQS::Queue');
      expect(resources[id]?.Properties.SqsManagedSseEnabled, id).toBe(true);
      expect(resources[id]?.Properties.KmsMasterKeyId, id).toBeUndefined();
      expect(resources[id]?.Properties.QueueName, id).toBeUndefined();
    }
  });

  it('refuses every request without TLS, on both queues', () => {
    const policies = Object.values(s.api.findResources('AWS::SQS::QueuePolicy')) as Resource[];
    const enforced = policies.flatMap((policy) => {
      const statements = (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement;
      const tlsOnly = statements.some(
        (st) =>
          st.Effect === 'Deny' &&
          JSON.stringify(st.Principal) === JSON.stringify({ AWS: '*' }) &&
          st.Action === 'sqs:*' &&
          JSON.stringify(st.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
      );
      return tlsOnly ? (policy.Properties.Queues as Array<{ Ref: string }>).map((q) => q.Ref) : [];
    });
    expect(enforced.sort()).toEqual([queueId, dlqId].sort());
  });

  it('moves a message to the dead-letter queue after three receives, where it is kept 14 days', () => {
    expect(INSPECTION_QUEUE.maxReceiveCount).toBe(3);
    expect(resources[queueId]?.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 3,
    });
    expect(resources[dlqId]?.Properties.RedrivePolicy).toBeUndefined();
    expect(resources[dlqId]?.Properties.MessageRetentionPeriod).toBe(
      INSPECTION_QUEUE.dlqRetentionDays * 86_400,
    );
  });

  it('hides a received message for at least six times the consumer timeout', () => {
    const visibility = resources[queueId]?.Properties.VisibilityTimeout as number;
    const timeout = resources[consumerId]?.Properties.Timeout as number;
    expect(timeout).toBe(INSPECTION_QUEUE.consumerTimeoutSeconds);
    expect(visibility).toBe(INSPECTION_QUEUE.visibilityTimeoutSeconds);
    expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('triggers the consumer in batches of ten, reporting failed records one by one', () => {
    const mappings = Object.values(s.api.findResources('AWS::Lambda::EventSourceMapping')) as Resource[];
    // The queue's one mapping; the others read the table's stream (the events' dispatchers).
    const fromQueue = mappings.filter((m) => JSON.stringify(m.Properties.EventSourceArn).includes(queueId));
    expect(fromQueue.map((m) => m.Properties)).toEqual([
      expect.objectContaining({
        EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        FunctionName: { Ref: consumerId },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    ]);
    expect(INSPECTION_QUEUE.batchSize).toBe(10);
  });

  it('runs the consumer module with the table and the state machine, and no DLQ of its own', () => {
    const fn = resources[consumerId]!;
    const role = logicalId(s.stacks.api.inspectionQueue.consumer.role, s.stacks.api);
    expect((resources[role]?.Properties as { Description?: string }).Description).toBe(
      `Runs ${INSPECTION_CONSUMER_ENTRY}`,
    );
    expect(INSPECTION_CONSUMER_ENTRY).toBe('functions/consumers/inspection-results.ts');
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({
      TABLE_NAME: expect.anything(),
      STATE_MACHINE_ARN: { Ref: logicalId(s.stacks.api.pipeline.stateMachine, s.stacks.api) },
      POWERTOOLS_SERVICE_NAME: 'returns',
    });
    expect(env.SENDER_EMAIL).toBeUndefined();
    expect(fn.Properties.DeadLetterConfig).toBeUndefined();
    // The nag suppression says why: the queue's redrive policy is the dead-letter path.
    const suppressed = (fn.Metadata?.cdk_nag as { rules_to_suppress: Array<{ id: string; reason: string }> })
      .rules_to_suppress;
    expect(suppressed.find((rule) => rule.id === 'Serverless-LambdaDLQ')?.reason).toMatch(
      /SQS event source.*dead-letter queue.*redrive policy/,
    );
  });

  it('outputs the queue URL, where warehouses send, and the dead-letter queue URL', () => {
    s.api.hasOutput('InspectionQueueUrl', { Value: { Ref: queueId } });
    s.api.hasOutput('InspectionDeadLetterQueueUrl', { Value: { Ref: dlqId } });
  });
});
