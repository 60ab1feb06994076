import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/api-routes.js';
import { PIPELINE_ACTIONS } from '../../infra/constructs/bind-pipeline.js';
import { TABLE_ACTIONS } from '../../infra/constructs/bind-table.js';
import { CONFIGURED_REGIONS, parseRegionConfig } from '../../infra/config/index.js';
import { usEast1 } from '../../infra/config/us-east-1.js';
import { addRegionStacks, type RegionStacks } from '../../infra/region-stacks.js';
import { PIPELINE_TASKS, type PipelineTaskName } from '../../functions/pipeline/pipeline-contract.js';
import { functionsByName, logicalId, synthRegions, type SynthesizedRegion } from './synth-region.js';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
}
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const isWildcard = (action: string): boolean => action === '*' || action.endsWith(':*');
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** Every identity-policy statement in the template, with the role(s) it applies to. */
const identityStatements = (resources: Resources): Array<{ roles: string[]; statement: Statement }> =>
  Object.entries(resources).flatMap(([id, r]) => {
    if (r.Type === 'AWS::IAM::Policy') {
      const roles = ((r.Properties.Roles ?? []) as Array<{ Ref: string }>).map((x) => x.Ref);
      const doc = r.Properties.PolicyDocument as { Statement: Statement[] };
      return doc.Statement.map((statement) => ({ roles, statement }));
    }
    if (r.Type === 'AWS::IAM::Role') {
      const inline = (r.Properties.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>;
      return inline.flatMap((p) =>
        p.PolicyDocument.Statement.map((statement) => ({ roles: [id], statement })),
      );
    }
    return [];
  });

let built: Map<string, SynthesizedRegion>;
beforeAll(() => {
  built = synthRegions(CONFIGURED_REGIONS, { bundle: false });
}, 300_000);

describe.each(CONFIGURED_REGIONS)('%s IAM', (region) => {
  let s: SynthesizedRegion;
  let statements: ReturnType<typeof identityStatements>;
  let tableLogicalId: string;
  /**
   * The role of an API function (by route name, or `Authorizer`), a pipeline task (by state name), the
   * inspection consumer (`InspectionConsumer`) or the webhook delivery worker (`WebhookDeliveries`).
   */
  const roleOf = (name: string): string => {
    const role =
      functionsByName(s.stacks).get(name)?.role ??
      s.stacks.api.pipeline.functions.get(name as PipelineTaskName)?.role ??
      (name === 'InspectionConsumer' ? s.stacks.api.inspectionQueue.consumer.role : undefined) ??
      (name === 'WebhookDeliveries' ? s.stacks.api.events.deliveries.role : undefined);
    if (!role) throw new Error(`no function ${name}`);
    return logicalId(role, s.stacks.api);
  };
  /** Actions granted to one function's role. */
  const actionsOfFunction = (name: string): string[] => {
    const role = roleOf(name);
    return statements.filter((x) => x.roles.includes(role)).flatMap((x) => actionsOf(x.statement));
  };
  /** Roles (logical ids) granted an action, sorted. */
  const rolesWith = (action: string): string[] =>
    [
      ...new Set(
        statements.filter(({ statement }) => actionsOf(statement).includes(action)).flatMap((x) => x.roles),
      ),
    ].sort();
  const PIPELINE_TASK_NAMES = Object.keys(PIPELINE_TASKS);

  beforeAll(() => {
    s = built.get(region)!;
    statements = identityStatements(
      [s.data, s.api].reduce((all, t) => ({ ...all, ...t.toJSON().Resources }), {}),
    );
    const tableId = Object.keys(s.data.findResources('AWS::DynamoDB::Table'))[0]!;
    tableLogicalId = tableId;
  });

  it('has no IAM statement with a wildcard action (`*` or `service:*`), on the table or anywhere', () => {
    const wildcards = statements.filter(({ statement }) => actionsOf(statement).some(isWildcard));
    expect(wildcards).toEqual([]);
    const onTable = statements.filter(({ statement }) =>
      JSON.stringify(statement.Resource ?? '').includes(tableLogicalId),
    );
    expect(onTable.length).toBeGreaterThan(0);
    for (const { statement } of onTable) expect(actionsOf(statement).filter(isWildcard)).toEqual([]);
  });

  it('grants DynamoDB actions on the table and its named indexes only, never Scan', () => {
    for (const { statement } of statements) {
      const dynamo = actionsOf(statement).filter((a) => a.startsWith('dynamodb:'));
      if (dynamo.length === 0) continue;
      expect(dynamo).not.toContain('dynamodb:Scan');
      // dynamodb:ListStreams takes no resource but `*` (it lists stream ARNs, never data).
      if (dynamo.every((a) => a === 'dynamodb:ListStreams')) continue;
      expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"|index\/\*/);
    }
  });

  it("lets only the events' dispatchers put events, on the region's default bus only", () => {
    const { stream, sweeper } = s.stacks.api.events;
    expect(rolesWith('events:PutEvents')).toEqual(
      [stream, sweeper].map((f) => logicalId(f.role, s.stacks.api)).sort(),
    );
    const puts = statements.filter((st) => actionsOf(st.statement).includes('events:PutEvents'));
    for (const { statement } of puts) {
      expect(actionsOf(statement)).toEqual(['events:PutEvents']);
      expect(JSON.stringify(statement.Resource)).toMatch(/:event-bus\/default"/);
    }
  });

  it("lets only the events' stream consumers read the table's stream, and only its stream", () => {
    const { stream, deliveries } = s.stacks.api.events;
    expect(rolesWith('dynamodb:GetRecords')).toEqual(
      [stream, deliveries].map((f) => logicalId(f.role, s.stacks.api)).sort(),
    );
    const reads = statements.filter((st) => actionsOf(st.statement).includes('dynamodb:GetRecords'));
    for (const { statement } of reads) expect(JSON.stringify(statement.Resource)).toContain('StreamArn');
  });

  it('gives read-only functions no write actions', () => {
    const readers = ['Authorizer', ...API_ROUTES.filter((r) => r.access.table === 'read').map((r) => r.name)];
    for (const name of readers) {
      const actions = actionsOfFunction(name);
      expect(actions, name).toEqual(expect.arrayContaining([...TABLE_ACTIONS.read]));
      expect(
        actions.filter((a) => WRITE_ACTIONS.includes(a)),
        name,
      ).toEqual([]);
    }
  });

  it('gives read-write functions (pipeline tasks included) exactly the single-item writes', () => {
    const writers = [
      ...API_ROUTES.filter((r) => r.access.table === 'readWrite').map((r) => r.name),
      ...PIPELINE_TASK_NAMES,
    ];
    for (const name of writers) {
      const actions = actionsOfFunction(name);
      expect(actions, name).toEqual(expect.arrayContaining([...TABLE_ACTIONS.write]));
      expect(actions, name).not.toContain('dynamodb:BatchWriteItem');
    }
  });

  it('gives functions without table access no DynamoDB action at all', () => {
    for (const route of API_ROUTES.filter((r) => !r.access.table)) {
      expect(
        actionsOfFunction(route.name).filter((a) => a.startsWith('dynamodb:')),
        route.name,
      ).toEqual([]);
    }
  });

  it('grants no route ses:SendEmail (mail goes from the outbox), and the senders the identity and From address only', () => {
    for (const [name] of functionsByName(s.stacks)) {
      expect(actionsOfFunction(name).includes('ses:SendEmail'), name).toBe(false);
    }
    const ses = statements.filter(({ statement }) => actionsOf(statement).some((a) => a.startsWith('ses:')));
    for (const { statement } of ses) {
      expect(actionsOf(statement)).toEqual(['ses:SendEmail']);
      const resources = JSON.stringify(statement.Resource);
      expect(resources).toContain(`:identity/${s.config.ses.identity ?? s.config.ses.senderEmail}`);
      expect(resources).not.toContain('"*"');
      expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': s.config.ses.senderEmail } });
    }
  });

  it('lets only the routes that start the pipeline start it, on the state machine only', () => {
    const starters = API_ROUTES.filter(
      (r) => r.access.pipeline === 'start' || r.access.pipeline === 'startAndCallback',
    ).map((r) => r.name);
    // An accepted keepItem offer starts the returnless refund's run (from the API or the buyer's page), and
    // a replacement refunded instead starts its refund's run.
    expect(starters.sort()).toEqual([
      'AcceptOffer',
      'AuthorizeReturn',
      'BuyerLinkAnswer',
      'CreateReturn',
      'RefundInstead',
      'RetryReturn',
    ]);
    expect(rolesWith('states:StartExecution')).toEqual(starters.map(roleOf).sort());
  });

  it('lets only the webhooks, close, cancel, inspection, approve, reject, mark-paid, the inspection consumer and the waiting tasks answer a waiting task', () => {
    const callbackRoutes = API_ROUTES.filter(
      (r) => r.access.pipeline === 'callback' || r.access.pipeline === 'startAndCallback',
    ).map((r) => r.name);
    expect(callbackRoutes.sort()).toEqual([
      'AcceptOffer',
      'ApproveRefund',
      'BuyerLinkAnswer',
      'CancelReturn',
      'CarrierWebhook',
      'CloseReturn',
      'EasyPostWebhook',
      'MarkRefundPaid',
      'RejectRefund',
      'StripeConnectWebhook',
      'StripeWebhook',
      'SubmitInspection',
    ]);
    const answering = [
      ...callbackRoutes,
      'InspectionConsumer',
      // Each may complete its own task (what it waits for happened before its token was stored).
      'IssueLabel',
      'AwaitInspection',
      'ComputeRefund',
      'IssueRefund',
    ].map(roleOf);
    expect(rolesWith('states:SendTaskSuccess')).toEqual(answering.sort());
    expect(rolesWith('states:SendTaskFailure')).toEqual(answering.sort());
    const stateMachine = logicalId(s.stacks.api.pipeline.stateMachine, s.stacks.api);
    const states = statements.filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('states:')),
    );
    for (const { statement } of states) {
      expect([...PIPELINE_ACTIONS.start, ...PIPELINE_ACTIONS.callback]).toEqual(
        expect.arrayContaining(actionsOf(statement)),
      );
      expect(statement.Resource).toEqual({ Ref: stateMachine });
    }
  });

  it('lets only the outbox dispatchers (whose mails carry buyer links) sign them, and only the buyer pages verify them, with the HMAC key', () => {
    const key = s.stacks.stateful.getLogicalId(
      s.stacks.stateful.linkSigningKey.node.defaultChild as CfnResource,
    );
    const { stream, sweeper } = s.stacks.api.events;
    expect(rolesWith('kms:GenerateMac')).toEqual(
      [stream, sweeper].map((f) => logicalId(f.role, s.stacks.api)).sort(),
    );
    expect(rolesWith('kms:VerifyMac')).toEqual(['BuyerLinkAnswer', 'BuyerLinkPage'].map(roleOf).sort());
    const macs = statements.filter(({ statement }) =>
      actionsOf(statement).some((a) => a === 'kms:GenerateMac' || a === 'kms:VerifyMac'),
    );
    for (const { statement } of macs) {
      expect(actionsOf(statement)).toHaveLength(1);
      expect(JSON.stringify(statement.Resource)).toContain(key);
    }
  });

  it("lets only the routes and tasks that call a seller's label or payment provider, the webhook delivery worker, and the routes that replay a sealed answer open sealed secrets", () => {
    const opening = API_ROUTES.filter((r) => r.access.connectionSecrets === 'open').map((r) => r.name);
    expect(opening).toEqual(
      expect.arrayContaining(['CloseReturn', 'CancelReturn', 'RetryLabelVoid', 'EasyPostWebhook']),
    );
    const replaying = ['CreateWebhookEndpoint', 'RotateWebhookSecret'];
    expect(rolesWith('kms:Decrypt')).toEqual(
      [...opening, ...replaying, 'IssueLabel', 'CloseUnshipped', 'IssueRefund', 'WebhookDeliveries']
        .map(roleOf)
        .sort(),
    );
  });

  it('lets only the connection PUTs and the webhook endpoint create and rotate seal secrets, on the connections key alone', () => {
    const key = s.stacks.stateful.getLogicalId(
      s.stacks.stateful.connectionSecretsKey.node.defaultChild as CfnResource,
    );
    expect(rolesWith('kms:Encrypt')).toEqual(
      ['PutStripeIntegration', 'PutEasyPostIntegration', 'CreateWebhookEndpoint', 'RotateWebhookSecret']
        .map(roleOf)
        .sort(),
    );
    for (const name of [
      'ListWebhookEndpoints',
      'DeleteWebhookEndpoint',
      'ListWebhookDeliveries',
      'RetryWebhookDelivery',
    ]) {
      expect(
        actionsOfFunction(name).filter((a) => a.startsWith('kms:')),
        name,
      ).toEqual([]);
    }
    const sealing = statements.filter(({ statement }) =>
      actionsOf(statement).some((a) => a === 'kms:Encrypt' || a === 'kms:Decrypt'),
    );
    for (const { statement } of sealing) {
      expect(actionsOf(statement)).toHaveLength(1);
      expect(JSON.stringify(statement.Resource)).toContain(key);
    }
  });

  it('lets only the carrier webhook read the carrier secrets, and nothing else', () => {
    expect(rolesWith('secretsmanager:GetSecretValue')).toEqual([roleOf('CarrierWebhook')]);
    const secrets = statements.filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('secretsmanager:')),
    );
    expect(secrets).toHaveLength(1);
    expect(actionsOf(secrets[0]!.statement)).toEqual(['secretsmanager:GetSecretValue']);
    expect(JSON.stringify(secrets[0]!.statement.Resource)).toContain('CarrierWebhookSecrets');
  });

  it('lets no pipeline task or the consumer send e-mail: mail follows the events (docs/design.md §14)', () => {
    for (const task of PIPELINE_TASK_NAMES) {
      expect(actionsOfFunction(task).includes('ses:SendEmail'), task).toBe(false);
    }
    expect(actionsOfFunction('InspectionConsumer')).not.toContain('ses:SendEmail');
  });

  it("lets no function of ours send to the inspection queue: the seller's endpoint records, warehouses send", () => {
    expect(rolesWith('sqs:SendMessage')).toEqual([]);
  });

  it('lets only the inspection consumer receive and delete from the inspection queue, and write the table', () => {
    const consumer = roleOf('InspectionConsumer');
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']) {
      expect(rolesWith(action), action).toEqual([consumer]);
    }
    expect(actionsOfFunction('InspectionConsumer')).toEqual(expect.arrayContaining([...TABLE_ACTIONS.write]));
    // Nothing reads the dead-letter queue: a person redrives it.
    const dlq = logicalId(s.stacks.api.inspectionQueue.deadLetterQueue, s.stacks.api);
    expect(
      statements.filter(({ statement }) => JSON.stringify(statement.Resource ?? '').includes(dlq)),
    ).toEqual([]);
  });

  it('uses no AWS managed policies', () => {
    for (const role of Object.values(s.api.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('a region with a Stripe Connect platform', () => {
  const PLATFORM_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:returns/stripe-connect-AbCdEf';
  /** The functions that pay through the platform key or verify its Connect webhook. */
  const READERS = ['IssueRefund', 'AddConcession', 'StripeConnectWebhook'];
  let stacks: RegionStacks;
  let statements: ReturnType<typeof identityStatements>;
  const lambdaOf = (name: string) => {
    const fn =
      functionsByName(stacks).get(name)?.function ??
      stacks.api.pipeline.functions.get(name as PipelineTaskName);
    if (!fn?.role) throw new Error(`no function ${name}`);
    return fn as typeof fn & { role: NonNullable<typeof fn.role> };
  };
  const roleOf = (name: string) => logicalId(lambdaOf(name).role, stacks.api);
  const variablesOf = (name: string): Record<string, unknown> => {
    const fn = Template.fromStack(stacks.api).toJSON().Resources[logicalId(lambdaOf(name), stacks.api)] as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
    };
    return fn.Properties.Environment?.Variables ?? {};
  };

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const config = parseRegionConfig('us-east-1', {
      ...usEast1,
      stripeConnect: { platformSecretArn: PLATFORM_ARN },
    });
    stacks = addRegionStacks(app, 'prod', config);
    statements = identityStatements(Template.fromStack(stacks.api).toJSON().Resources as Resources);
  }, 300_000);

  it('lets only the refund task, the concession route and the Connect webhook read its secret, that one only', () => {
    const reading = statements.filter(
      ({ statement }) => JSON.stringify(statement.Resource) === JSON.stringify(PLATFORM_ARN),
    );
    expect(reading.map(({ statement }) => actionsOf(statement))).toEqual(
      READERS.map(() => ['secretsmanager:GetSecretValue']),
    );
    expect(reading.flatMap((x) => x.roles).sort()).toEqual(READERS.map(roleOf).sort());
    // The carrier webhook still reads only the carriers' secret.
    const carrier = statements.filter(({ roles }) => roles.includes(roleOf('CarrierWebhook')));
    expect(JSON.stringify(carrier)).not.toContain(PLATFORM_ARN);
  });

  it('tells PUT /v1/integrations/stripe that there is a platform, without letting it read the secret', () => {
    expect(variablesOf('PutStripeIntegration').STRIPE_CONNECT_PLATFORM_KEY_ARN).toBe(PLATFORM_ARN);
    for (const name of [...READERS])
      expect(variablesOf(name).STRIPE_CONNECT_PLATFORM_KEY_ARN).toBe(PLATFORM_ARN);
    for (const name of ['GetReturn', 'StripeWebhook', 'ComputeRefund', 'CreateReturn']) {
      expect(variablesOf(name).STRIPE_CONNECT_PLATFORM_KEY_ARN).toBeUndefined();
    }
  });
});
