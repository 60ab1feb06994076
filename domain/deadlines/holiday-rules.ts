import * as z from '../zod.js';

/**
 * How a business-day calendar is written down: the weekend and each public holiday as a rule, so one
 * table serves every year from FIRST_CALENDAR_YEAR to LAST_CALENDAR_YEAR (movable feasts are computed:
 * Easter and the days counted from it, the n-th weekday of a month, Japan's equinoxes). One-off holidays
 * (a coronation, a state funeral) are not rules; a calendar lists them as `extraDays`.
 */
export const FIRST_CALENDAR_YEAR = 2000;
/** The equinox formula (Japan) holds to 2099. */
export const LAST_CALENDAR_YEAR = 2099;

const month = z.number().check(z.int(), z.gte(1), z.lte(12));
const dayOfMonth = z.number().check(z.int(), z.gte(1), z.lte(31));
/** 0 = Sunday ... 6 = Saturday. */
const weekday = z.number().check(z.int(), z.gte(0), z.lte(6));
const year = z.number().check(z.int(), z.gte(FIRST_CALENDAR_YEAR), z.lte(LAST_CALENDAR_YEAR));

/**
 * When a fixed holiday falls on a weekend: `NEAREST_WEEKDAY` (US federal: Saturday to Friday, Sunday to
 * Monday), `NEXT_FREE_WEEKDAY` (UK, Canada: the next weekday that is not already a holiday). Japan's
 * substitute holidays are the calendar's `substitutes: 'JP'`, since they apply to every holiday.
 */
export const ObservedSchema = z.enum(['NEAREST_WEEKDAY', 'NEXT_FREE_WEEKDAY']);

const common = {
  name: z.string().check(z.minLength(1)),
  fromYear: z.optional(year),
  untilYear: z.optional(year),
  /** False for a business closure that is not a national holiday (Japan's bank holidays): no substitutes. */
  statutory: z.optional(z.boolean()),
};

export const HolidayRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fixed'),
    month,
    day: dayOfMonth,
    observed: z.optional(ObservedSchema),
    ...common,
  }),
  /** The n-th `weekday` of `month`; n = -1 is the last. */
  z.strictObject({
    kind: z.literal('nth-weekday'),
    month,
    weekday,
    n: z.number().check(
      z.int(),
      z.gte(-1),
      z.lte(5),
      z.refine((n) => n !== 0, 'must not be 0'),
    ),
    ...common,
  }),
  /** The last `weekday` on or before `month`/`day` (Canada's Victoria Day: the Monday before May 25). */
  z.strictObject({ kind: z.literal('weekday-on-or-before'), month, day: dayOfMonth, weekday, ...common }),
  /** Easter Sunday (Gregorian) plus `offset` days: Good Friday -2, Easter Monday 1, Ascension 39. */
  z.strictObject({
    kind: z.literal('easter'),
    offset: z.number().check(z.int(), z.gte(-63), z.lte(63)),
    ...common,
  }),
  /** Japan's Vernal (3) or Autumnal (9) Equinox Day, by the formula the Cabinet's dates follow. */
  z.strictObject({ kind: z.literal('equinox'), month: z.union([z.literal(3), z.literal(9)]), ...common }),
]);
export type HolidayRule = z.infer<typeof HolidayRuleSchema>;

export const CalendarSchema = z.strictObject({
  /** The IANA zone the marketplace's days are counted in. */
  timeZone: z.string().check(
    z.refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone'),
  ),
  weekend: z.array(weekday).check(z.minLength(1), z.maxLength(3)),
  holidays: z.array(HolidayRuleSchema).check(z.minLength(1)),
  /** Japan: a holiday on a Sunday moves to the next non-holiday, and a day between two holidays is one. */
  substitutes: z.optional(z.literal('JP')),
  /** One-off holidays, as ISO dates. */
  extraDays: z.optional(z.array(z.iso.date())),
  /** Where the list comes from. */
  source: z.string().check(z.minLength(1)),
});
export type Calendar = z.infer<typeof CalendarSchema>;
