import { pipelineFromEnv } from '../../adapters/step-functions.js';
import type { PipelinePort } from '../../../domain/ports.js';
import type { PipelineInput } from '../../pipeline/pipeline-contract.js';

/** Only the functions that start runs are given STATE_MACHINE_ARN; answering a task needs just its token. */
export const pipeline: PipelinePort<PipelineInput> = pipelineFromEnv();
