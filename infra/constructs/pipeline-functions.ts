import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  PIPELINE_TASKS,
  WAITING_STATES,
  type PipelineTaskName,
} from '../../functions/pipeline/pipeline-contract.js';
import { bindConnectionSecrets } from './bind-connection-secrets.js';
import { bindStripePlatform } from './bind-stripe-platform.js';
import { bindTable } from './bind-table.js';
import { ReturnsFunction, type FunctionObservability } from './returns-function.js';

export interface PipelineFunctionsProps {
  table: ITable;
  observability: FunctionObservability;
  /** Extra environment every task function gets. */
  environment?: Record<string, string>;
  /** Sellers' connection secrets' key, opened by the tasks in OPENS_CONNECTIONS. */
  connectionSecretsKey: IKey;
  /** The region's Stripe Connect platform secret, if it has one: read by the tasks in PAYS. */
  stripePlatform?: ISecret;
}

/** Tasks that call a seller's provider with its connection: buying or voiding a label, paying a refund. */
const OPENS_CONNECTIONS: ReadonlySet<PipelineTaskName> = new Set([
  'IssueLabel',
  'CloseUnshipped',
  'IssueRefund',
]);

/** Tasks that pay refunds, through the Stripe Connect platform's key for a Connect seller. */
const PAYS: ReadonlySet<PipelineTaskName> = new Set(['IssueRefund']);

/** The waiting tasks: each may complete its own task (see bind-pipeline.ts' grantOwnTaskResponse). */
export const WAITING_TASKS: readonly PipelineTaskName[] = WAITING_STATES;

/**
 * One function per pipeline task, under `scope`, from the module PIPELINE_TASKS names: each writes the
 * return. None sends mail: a task's change writes its events, and the events' dispatcher mails
 * (docs/design.md §14).
 */
export const pipelineFunctions = (
  scope: Construct,
  props: PipelineFunctionsProps,
): Record<PipelineTaskName, ReturnsFunction> => {
  const tasks = new Construct(scope, 'Tasks');
  const entries = (Object.entries(PIPELINE_TASKS) as Array<[PipelineTaskName, string]>).map(
    ([name, entry]) => {
      const fn = new ReturnsFunction(tasks, name, {
        entry,
        description: `Return pipeline: ${name}`,
        observability: props.observability,
        synchronousCaller: 'Step Functions Lambda tasks',
      });
      for (const [key, value] of Object.entries(props.environment ?? {}))
        fn.function.addEnvironment(key, value);
      bindTable(fn, props.table, 'readWrite');
      if (OPENS_CONNECTIONS.has(name)) bindConnectionSecrets(fn, props.connectionSecretsKey, 'open');
      if (PAYS.has(name) && props.stripePlatform) bindStripePlatform(fn, props.stripePlatform, 'read');
      return [name, fn] as const;
    },
  );
  return Object.fromEntries(entries) as Record<PipelineTaskName, ReturnsFunction>;
};
