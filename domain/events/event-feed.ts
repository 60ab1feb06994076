import * as z from '../zod.js';
import { pageLimit } from '../api-schemas.js';
import { ReturnEventSchema } from './return-event.js';

/** `GET /v1/events?after=&limit=`: where to go on from, and how many. */
export const ListEventsQuerySchema = z.strictObject({
  after: z
    .optional(z.string().check(z.maxLength(1024, 'must be at most 1024 characters')))
    .check(z.describe('the `next` of an earlier page: the events after it; absent: from the oldest kept')),
  limit: pageLimit(50),
});

/**
 * A page of the seller's events, oldest first: each return's in sequence order, every event once its
 * change is settled. `next` is where the next page starts (the same `after` again when nothing new came):
 * an integrator polls with it and misses none.
 */
export const EventPageSchema = z.object({
  items: z.array(ReturnEventSchema),
  next: z.optional(z.string()),
});
