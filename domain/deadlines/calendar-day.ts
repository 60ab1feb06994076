/**
 * Civil days as whole numbers (days since 1970-01-01), so calendar arithmetic is integer arithmetic, and
 * the one conversion that needs a time zone: which local day an instant falls on, and when a local day
 * ends. Intl carries the time-zone database; nothing here reads a clock.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: DayNumber): number => (((day + 4) % 7) + 7) % 7;

export const dayOf = (year: number, month: number, dayOfMonth: number): DayNumber =>
  Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;

export const isoDateOf = (day: DayNumber): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

export const yearOf = (day: DayNumber): number => new Date(day * MS_PER_DAY).getUTCFullYear();

const formatters = new Map<string, Intl.DateTimeFormat>();

const wallClock = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The wall-clock time in `timeZone` at `ms`, read as if it were UTC (ms). */
const wallClockMs = (ms: number, timeZone: string): number => {
  const parts = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
};

/** The local day `instant` falls on in `timeZone`. */
export const localDayOf = (instant: Date, timeZone: string): DayNumber =>
  Math.floor(wallClockMs(instant.getTime(), timeZone) / MS_PER_DAY);

/** The first instant of local day `day` in `timeZone` (offsets re-read once, for a DST change that day). */
const startOfLocalDay = (day: DayNumber, timeZone: string): number => {
  const midnight = day * MS_PER_DAY;
  let guess = midnight - (wallClockMs(midnight, timeZone) - midnight);
  guess = midnight - (wallClockMs(guess, timeZone) - guess);
  return guess;
};

/** The last millisecond of local day `day` in `timeZone`: a deadline "by the end of that day". */
export const endOfLocalDay = (day: DayNumber, timeZone: string): Date =>
  new Date(startOfLocalDay(day + 1, timeZone) - 1);
