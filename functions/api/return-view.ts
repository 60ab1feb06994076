import * as z from '../../domain/zod.js';
import { ReturnSchema, type Return } from '../../domain/return.js';

/** What a seller never reads on a return: its scope, the timeline (served by /events), the task tokens and the outbox. */
const INTERNAL = { sellerId: true, timeline: true, pipeline: true, outbox: true } as const;

/** A return as a seller reads it: the answer of every endpoint that shows one. */
export const ReturnViewSchema = z.omit(ReturnSchema, INTERNAL);
export type ReturnView = z.infer<typeof ReturnViewSchema>;

export const toReturnView = (ret: Return): ReturnView =>
  Object.fromEntries(Object.entries(ret).filter(([key]) => !(key in INTERNAL))) as ReturnView;
