import type { Return } from '../../domain/return.js';

/**
 * A return as a seller reads it: everything but the seller scope, the timeline (served by /events) and
 * the pipeline's task tokens (internal bookkeeping).
 */
export const toReturnView = (ret: Return) => {
  const { sellerId: _sellerId, timeline: _timeline, pipeline: _pipeline, ...view } = ret;
  return view;
};
