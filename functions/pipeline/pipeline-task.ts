import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { z } from 'zod';
import { logger } from '../shared/logger.js';
import type { TaskInputSchema } from './pipeline-contract.js';

/**
 * The shape every pipeline task shares: the input checked against its schema (a ZodError is not retried),
 * the run's correlation id and the return on every log line, and errors left to the state machine, whose
 * Retry and Catch match them by name.
 */
export const pipelineTask = <S extends typeof TaskInputSchema, R>(
  step: string,
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
) =>
  middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const input = schema.parse(event);
      logger.appendKeys({ correlation_id: input.correlationId, returnId: input.returnId, step });
      return run(input);
    });
