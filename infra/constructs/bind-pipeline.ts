import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { ReturnsFunction } from './returns-function.js';

/**
 * `start`: begins runs (StartExecution). `callback`: resumes a task waiting for its token. Both: an
 * accepted keepItem offer lets the carrier wait go and starts the returnless refund's run.
 */
export type PipelineAccess = 'start' | 'callback' | 'startAndCallback';

/**
 * Exactly the Step Functions actions the pipeline port uses: `start` is StartExecution; `resume` is
 * SendTaskSuccess and `abandon` (a return that ended while its run waited) SendTaskFailure. Nothing sends
 * heartbeats, so that is not granted (CDK's `grantTaskResponse` would).
 */
export const PIPELINE_ACTIONS = {
  start: ['states:StartExecution'],
  callback: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
  startAndCallback: ['states:StartExecution', 'states:SendTaskSuccess', 'states:SendTaskFailure'],
} as const satisfies Record<PipelineAccess, readonly string[]>;

/**
 * Lets a function start runs of the pipeline, or resume its waiting tasks, and sets STATE_MACHINE_ARN
 * in the same call, so the grant and the configuration can't drift apart.
 */
export const bindPipeline = (
  fn: ReturnsFunction,
  stateMachine: IStateMachine,
  access: PipelineAccess,
): void => {
  fn.function.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
  fn.function.addToRolePolicy(
    new PolicyStatement({
      actions: [...PIPELINE_ACTIONS[access]],
      resources: [stateMachine.stateMachineArn],
    }),
  );
};

/**
 * Lets a task function of the state machine complete its own waiting task (SendTaskSuccess needs only
 * the token, so no STATE_MACHINE_ARN). The grant is a policy of its own, apart from the role's default
 * policy: the function waits for that default policy before it is created, and the state machine waits
 * for the function, so putting a state machine reference in it would be a dependency cycle.
 */
export const grantOwnTaskResponse = (
  scope: Construct,
  id: string,
  role: IRole,
  stateMachine: IStateMachine,
): Policy =>
  new Policy(scope, id, {
    roles: [role],
    statements: [
      new PolicyStatement({
        actions: [...PIPELINE_ACTIONS.callback],
        resources: [stateMachine.stateMachineArn],
      }),
    ],
  });
