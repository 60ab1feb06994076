import middy from '@middy/core';
import type { z } from 'zod';
import { logger, observe, withCorrelation } from '../shared/observability.js';
import type { TaskInputSchema } from './pipeline-contract.js';

/**
 * The shape every pipeline task shares: the input checked against its schema (a ZodError is not retried),
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
      const input = schema.parse(event);
      withCorrelation(input.correlationId);
      logger.appendKeys({ returnId: input.returnId, step });
      return run(input);
    });
