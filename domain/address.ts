import * as z from './zod.js';
import { CountryCodeSchema } from './country-code.js';
import { text } from './bounded-text.js';

/** A postal address: a seller's return address, or the buyer's, where a return label's parcel starts. */
export const AddressSchema = z.strictObject({
  name: text(200).check(z.minLength(1)),
  line1: text(200).check(z.minLength(1)),
  line2: z.optional(text(200)),
  city: text(100).check(z.minLength(1)),
  region: z.optional(text(100)),
  postalCode: text(20).check(z.minLength(1)),
  country: CountryCodeSchema,
});
export type Address = z.infer<typeof AddressSchema>;
