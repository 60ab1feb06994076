import { NamedError } from '../../../domain/errors.js';

/** The Step Functions API errors the local stand-in answers with (their `__type` on the wire). */
export type StepFunctionsErrorType =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'StateMachineDoesNotExist'
  | 'InvalidArn'
  | 'InvalidName'
  | 'InvalidExecutionInput'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException';

/**
 * A refusal the Step Functions API would give. The local API server sends it as HTTP 400 with
 * `{ "__type": type, "message": ... }`, which the SDK turns into its exception class of that name.
 */
export class StepFunctionsError extends NamedError {
  constructor(
    readonly type: StepFunctionsErrorType,
    message: string,
  ) {
    super(message);
  }
}
