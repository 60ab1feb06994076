import type { InspectionQueue } from '../../../domain/ports.js';
import { inspectionQueueFromEnv } from '../../adapters/sqs-inspection-queue.js';

/** The inspection queue, for the functions that send inspection results (given INSPECTION_QUEUE_URL). */
export const inspectionQueue: InspectionQueue = inspectionQueueFromEnv();
