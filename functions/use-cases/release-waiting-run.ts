import type { Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { logger } from '../shared/observability.js';

/**
 * A return that ended (closed or cancelled) while its run waited for the carrier lets that run go, so it
 * ends now instead of at the ship-by date. Best effort: if it fails, the run still ends at its timeout,
 * where CloseUnshipped finds the return ended and does nothing.
 */
export const releaseWaitingRun = async (pipeline: PipelinePort, ret: Return): Promise<void> => {
  const token = ret.pipeline?.taskToken;
  if (!token) return;
  try {
    await pipeline.abandon(token, `the return was ${ret.status.toLowerCase()}`);
  } catch (error) {
    logger.warn('waiting run not released', { returnId: ret.id, error: error as Error });
  }
};
