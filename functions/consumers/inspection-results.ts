import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DomainError } from '../../domain/errors.js';
import * as z from '../../domain/zod.js';
import { InspectionMessageSchema } from '../../domain/inspection.js';
import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { logger, observe } from '../shared/observability.js';
import { NotYetDeliveredError, recordInspectionResult } from '../use-cases/record-inspection-result.js';
import { INSPECTION_QUEUE } from './inspection-queue-contract.js';

/** Why a record failed, in one line: the schema's issues, or the error's message. */
const reasonOf = (error: unknown): string => {
  if (error instanceof z.$ZodError) {
    return error.issues.map((i) => `${i.path.join('/') || '(message)'}: ${i.message}`).join('; ');
  }
  if (error instanceof SyntaxError) return `body is not JSON: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
};

const logFailure = (record: SQSRecord, error: unknown): void => {
  const facts = {
    reason: reasonOf(error),
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
    maxReceiveCount: INSPECTION_QUEUE.maxReceiveCount,
  };
  if (error instanceof NotYetDeliveredError) {
    logger.warn('inspection result arrived before the parcel; it will be retried', facts);
  } else if (error instanceof z.$ZodError || error instanceof SyntaxError || error instanceof DomainError) {
    // Retrying cannot help: after maxReceiveCount receives the message is in the dead-letter queue.
    logger.error('inspection result cannot be recorded', facts);
  } else {
    logger.error('inspection result failed; it will be retried', { ...facts, error });
  }
};

/** One message: parsed and checked on its own, so a poison message fails only its own record. */
const recordOne = async (record: SQSRecord): Promise<void> => {
  logger.appendKeys({ messageId: record.messageId });
  try {
    const message = InspectionMessageSchema.parse(JSON.parse(record.body));
    logger.appendKeys({ returnId: message.returnId });
    const outcome = await recordInspectionResult({ returns, clock, pipeline }, message);
    logger.info('inspection result taken', { outcome });
  } catch (error) {
    logFailure(record, error);
    throw error;
  } finally {
    logger.removeKeys(['messageId', 'returnId']);
  }
};

/**
 * The inspection queue's consumer: records each inspection result and resumes the run waiting for it.
 * Answers `batchItemFailures` (the event source has ReportBatchItemFailures), so only the failed records
 * come back, even when that is all of them. Records go one after another, so each log line carries its
 * own return, and two results for one return never race each other. A processor per invocation, so
 * invocations sharing this module (the local poller, tests) never share its state.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observe())
  .handler((event: SQSEvent, context: Context) =>
    processPartialResponse(event, recordOne, new BatchProcessor(EventType.SQS), {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    }),
  );
