import * as z from '../../domain/zod.js';
import { ReturnSchema, type Return } from '../../domain/return.js';
import { MessageSchema, OfferSchema, type Message, type Offer } from '../../domain/conversation.js';

/** What a seller never reads on a return: its scope, the timeline (served by /events), the task tokens and the outbox. */
const INTERNAL = { sellerId: true, timeline: true, pipeline: true, outbox: true } as const;

/** A message or an offer as the seller reads it: the nonce its buyer link is bound to stays inside. */
export const MessageViewSchema = z.omit(MessageSchema, { linkNonce: true });
export const OfferViewSchema = z.omit(OfferSchema, { linkNonce: true });

/** A return as a seller reads it: the answer of every endpoint that shows one. */
export const ReturnViewSchema = z.extend(z.omit(ReturnSchema, INTERNAL), {
  messages: z.optional(z.array(MessageViewSchema)),
  offers: z.optional(z.array(OfferViewSchema)),
});
export type ReturnView = z.infer<typeof ReturnViewSchema>;

export const withoutLinkNonce = <T extends Message | Offer>({ linkNonce: _nonce, ...rest }: T) => rest;

export const toReturnView = (ret: Return): ReturnView => {
  const view = Object.fromEntries(Object.entries(ret).filter(([key]) => !(key in INTERNAL))) as ReturnView;
  if (ret.messages) view.messages = ret.messages.map(withoutLinkNonce);
  if (ret.offers) view.offers = ret.offers.map(withoutLinkNonce);
  return view;
};
