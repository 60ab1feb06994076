import { PIPELINE_TASKS } from '../functions/pipeline/pipeline-contract.js';
import { API_ROUTES, AUTHORIZER_ENTRY } from './api-routes.js';
import { INSPECTION_CONSUMER_ENTRY } from './constructs/inspection-queue.js';
import { DEADLINE_SWEEPER_ENTRY } from './constructs/deadline-sweeper.js';
import { EVENT_FUNCTION_ENTRIES } from './constructs/event-dispatch.js';

/** One deployed function: its construct-level name and its handler module, relative to the repository root. */
export interface LambdaEntry {
  name: string;
  entry: string;
}

/**
 * Every function a region's stack deploys, from the same lists the constructs read: the authorizer, one
 * function per API route, one per pipeline task, the inspection consumer, the deadline sweeper and the
 * events' three functions. The bundle bench and the
 * bundle-size test walk it, so neither can miss a function.
 */
export const LAMBDA_ENTRIES: readonly LambdaEntry[] = [
  { name: 'Authorizer', entry: AUTHORIZER_ENTRY },
  ...API_ROUTES.map(({ name, entry }) => ({ name, entry })),
  ...Object.entries(PIPELINE_TASKS).map(([name, entry]) => ({ name, entry })),
  { name: 'InspectionConsumer', entry: INSPECTION_CONSUMER_ENTRY },
  { name: 'SweepDeadlines', entry: DEADLINE_SWEEPER_ENTRY },
  ...Object.entries(EVENT_FUNCTION_ENTRIES).map(([name, entry]) => ({ name, entry })),
];
