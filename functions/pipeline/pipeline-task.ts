import middy from '@middy/core';
import type * as z from '../../domain/zod.js';
import { logger, observe, withCorrelation } from '../shared/observability.js';
import { TaskInputError, type TaskInputSchema } from './pipeline-contract.js';

/**
 * The shape every pipeline task shares: the input checked against its schema (a TaskInputError is not retried),
 * logs, metrics and traces with the run's correlation id and the return on every log line, and errors left to the state machine, whose
 * Retry and Catch match them by name.
 */
export const pipelineTask = <S extends typeof TaskInputSchema, R>(
  step: string,
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
) =>
  middy<unknown, R>()
    .use(observe())
    .handler(async (event) => {
      const parsed = schema.safeParse(event);
      if (!parsed.success) throw new TaskInputError(parsed.error.message, { cause: parsed.error });
      const input = parsed.data;
      withCorrelation(input.correlationId);
      logger.appendKeys({ returnId: input.returnId, step });
      return run(input);
    });
