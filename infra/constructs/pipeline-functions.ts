import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  PIPELINE_TASKS,
  WAITING_STATES,
  type PipelineTaskName,
} from '../../functions/pipeline/pipeline-contract.js';
import { bindTable } from './bind-table.js';
import { ReturnsFunction, type FunctionObservability } from './returns-function.js';

export interface PipelineFunctionsProps {
  table: ITable;
  observability: FunctionObservability;
  /** Extra environment every task function gets. */
  environment?: Record<string, string>;
}

/** The waiting tasks: each may complete its own task (see bind-pipeline.ts' grantOwnTaskResponse). */
export const WAITING_TASKS: readonly PipelineTaskName[] = WAITING_STATES;

/**
 * One function per pipeline task, under `scope`, from the module PIPELINE_TASKS names: each writes the
 * return (the fake payment provider lives in the table too). None sends mail: a task's change writes its
 * events, and the events' dispatcher mails (docs/design.md §12).
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
      return [name, fn] as const;
    },
  );
  return Object.fromEntries(entries) as Record<PipelineTaskName, ReturnsFunction>;
};
