import * as z from '../../../domain/zod.js';
import { MessageSchema, OfferSchema } from '../../../domain/conversation.js';
import { ReturnViewSchema } from '../return-view.js';

/** A message or an offer as the seller reads it: the nonce its link is bound to stays inside. */
export const MessageViewSchema = z.omit(MessageSchema, { linkNonce: true });
export const OfferViewSchema = z.omit(OfferSchema, { linkNonce: true });
export const MessageThreadSchema = z.object({
  items: z.array(MessageViewSchema),
  offers: z.array(OfferViewSchema),
});
export const OfferMadeSchema = z.object({ offer: OfferViewSchema, return: ReturnViewSchema });

export const withoutLinkNonce = <T extends { linkNonce?: string }>({
  linkNonce: _nonce,
  ...rest
}: T): Omit<T, 'linkNonce'> => rest;
