import * as z from '../../../domain/zod.js';
import { MessageViewSchema, OfferViewSchema, ReturnViewSchema } from '../return-view.js';

export { MessageViewSchema, OfferViewSchema, withoutLinkNonce } from '../return-view.js';

/** GET /v1/returns/{id}/messages: the thread and the offers, oldest first. */
export const MessageThreadSchema = z.object({
  items: z.array(MessageViewSchema),
  offers: z.array(OfferViewSchema),
});
/** POST /v1/returns/{id}/offers: the offer made, and the return with it. */
export const OfferMadeSchema = z.object({ offer: OfferViewSchema, return: ReturnViewSchema });
