import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { PipelineTaskName } from '../../functions/pipeline/pipeline-contract.js';
import { grantOwnTaskResponse } from './bind-pipeline.js';
import { pipelineDefinition } from './pipeline-definition.js';
import { pipelineFunctions, WAITING_TASKS, type PipelineFunctionsProps } from './pipeline-functions.js';
import type { ReturnsFunction } from './returns-function.js';

export type ReturnPipelineProps = PipelineFunctionsProps;

/**
 * The return pipeline (docs: the pipeline): its task functions (pipeline-functions.ts), the Standard
 * state machine built from them (pipeline-definition.ts), logged and traced, and the grants that let
 * its waiting tasks complete themselves.
 */
export class ReturnPipeline extends Construct {
  readonly stateMachine: StateMachine;
  /** Task functions by state name. */
  readonly functions = new Map<PipelineTaskName, IFunction>();
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ReturnPipelineProps) {
    super(scope, id);

    const fns = pipelineFunctions(this, props);
    const functions = {} as Record<PipelineTaskName, IFunction>;
    for (const [name, fn] of Object.entries(fns) as Array<[PipelineTaskName, ReturnsFunction]>) {
      functions[name] = fn.function;
      this.functions.set(name, fn.function);
    }
    const definition = pipelineDefinition(this, functions);

    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(definition),
      stateMachineType: StateMachineType.STANDARD,
      comment:
        'Return pipeline: label, carrier, inspection, refund (approval above the threshold), disposition; closes unshipped returns',
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    // The waiting tasks may complete their own task (the refund needs no approval; a resumed run).
    for (const name of WAITING_TASKS) {
      grantOwnTaskResponse(this, `${name}TaskResponse`, fns[name].role, this.stateMachine);
    }

    NagSuppressions.addResourceSuppressions(
      this.stateMachine.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Lambda invoke tasks are granted each task function and its versions (`<arn>:*`, added by CDK); the functions are named, no other function is reachable',
          appliesTo: [{ regex: '/^Resource::<.*\\.Arn>:\\*$/g' }],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'CloudWatch Logs log delivery (logs:*LogDelivery*, resource policies) and X-Ray (xray:PutTraceSegments etc.) support no resource-level permissions',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
  }
}
