import type { Return } from '../../domain/return.js';

/** A return as a seller reads it: everything but the seller scope and the timeline (served by /events). */
export const toReturnView = (ret: Return) => {
  const { sellerId: _sellerId, timeline: _timeline, ...view } = ret;
  return view;
};
