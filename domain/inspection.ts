import { z } from 'zod';
import { text } from './return-request.js';

export const GRADES = [
  'AS_NEW',
  'OPENED',
  'USED',
  'DAMAGED',
  'MISSING_PARTS',
  'WRONG_ITEM',
  'NOT_RECEIVED',
] as const;
export const GradeSchema = z.enum(GRADES);
export type Grade = z.infer<typeof GradeSchema>;

export const DISPOSITIONS = [
  'RESTOCK',
  'RESELL_AS_RENEWED',
  'RETURN_TO_VENDOR',
  'LIQUIDATE',
  'DISPOSE',
  'BUYER_KEEPS',
] as const;
export const DispositionSchema = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof DispositionSchema>;

export const InspectionLineSchema = z
  .object({ sku: z.string().min(1).max(64), grade: GradeSchema, notes: text(2000).optional() })
  .strict();

export const InspectionSchema = z
  .object({
    lines: z.array(InspectionLineSchema).min(1, 'must grade at least one line').max(100),
    disposition: DispositionSchema,
    notes: text(2000).optional(),
    inspector: text(200).optional(),
  })
  .strict();
export type Inspection = z.infer<typeof InspectionSchema>;

/**
 * An inspection result as a warehouse puts it on the inspection queue: the inspection (the body of
 * `POST /v1/returns/{id}/inspection`) and the return it belongs to.
 */
export const InspectionMessageSchema = z
  .object({
    returnId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a return id (26-character ULID)'),
    sellerId: z.string().min(1).max(64),
    ...InspectionSchema.shape,
  })
  .strict();
export type InspectionMessage = z.infer<typeof InspectionMessageSchema>;
