import * as z from './zod.js';
import { text } from './return-request.js';
import { INSPECTION_BUDGET_BYTES, budgetRule, jsonBytes } from './return-size.js';

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

export const InspectionLineSchema = z.strictObject({
  sku: z.string().check(z.minLength(1)).check(z.maxLength(64)),
  grade: GradeSchema,
  notes: z.optional(text(2000)),
});

const inspectionShape = {
  lines: z
    .array(InspectionLineSchema)
    .check(z.minLength(1, 'must grade at least one line'))
    .check(z.maxLength(100)),
  disposition: DispositionSchema,
  notes: z.optional(text(2000)),
  inspector: z.optional(text(200)),
};

/** 100 lines of 2000-character notes would be far more than the inspection's share of the return's item. */
const withinBudget = z.refine<z.infer<z.ZodMiniObject<typeof inspectionShape>>>(
  ({ lines, disposition, notes, inspector }) =>
    jsonBytes({ lines, disposition, notes, inspector }) <= INSPECTION_BUDGET_BYTES,
  budgetRule('the inspection', INSPECTION_BUDGET_BYTES),
);

export const InspectionSchema = z.strictObject(inspectionShape).check(withinBudget);
export type Inspection = z.infer<typeof InspectionSchema>;

/**
 * An inspection result as a warehouse puts it on the inspection queue: the inspection (the body of
 * `POST /v1/returns/{id}/inspection`) and the return it belongs to.
 */
export const InspectionMessageSchema = z
  .strictObject({
    returnId: z
      .string()
      .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a return id (26-character ULID)')),
    sellerId: z.string().check(z.minLength(1)).check(z.maxLength(64)),
    ...inspectionShape,
  })
  .check(withinBudget);
export type InspectionMessage = z.infer<typeof InspectionMessageSchema>;
