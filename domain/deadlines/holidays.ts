import { dayOf, weekdayOf, isoDateOf, yearOf, type DayNumber } from './calendar-day.js';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, type Calendar, type HolidayRule } from './holiday-rules.js';

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
export const easterSunday = (year: number): DayNumber => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
};

/** Japan's equinox days, 1980-2099 (the formula behind the dates the Cabinet Office publishes). */
const equinoxDay = (year: number, month: 3 | 9): DayNumber => {
  const base = month === 3 ? 20.8431 : 23.2488;
  const since = year - 1980;
  return dayOf(year, month, Math.floor(base + 0.242194 * since - Math.floor(since / 4)));
};

const nthWeekday = (year: number, month: number, weekday: number, n: number): DayNumber => {
  if (n > 0) {
    const first = dayOf(year, month, 1);
    return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = dayOf(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
};

const actualDay = (rule: HolidayRule, year: number): DayNumber => {
  switch (rule.kind) {
    case 'fixed':
      return dayOf(year, rule.month, rule.day);
    case 'nth-weekday':
      return nthWeekday(year, rule.month, rule.weekday, rule.n);
    case 'weekday-on-or-before': {
      const limit = dayOf(year, rule.month, rule.day);
      return limit - ((weekdayOf(limit) - rule.weekday + 7) % 7);
    }
    case 'easter':
      return easterSunday(year) + rule.offset;
    case 'equinox':
      return equinoxDay(year, rule.month);
  }
};

const inForce = (rule: HolidayRule, year: number): boolean =>
  (rule.fromYear === undefined || year >= rule.fromYear) &&
  (rule.untilYear === undefined || year <= rule.untilYear);

/** The holidays of `year` by day, with their names: holidays, observed days and substitutes. */
const holidaysOfYear = (calendar: Calendar, year: number): Map<DayNumber, string> => {
  const weekend = new Set(calendar.weekend);
  const isWeekend = (day: DayNumber) => weekend.has(weekdayOf(day));
  const rules = calendar.holidays.filter((rule) => inForce(rule, year));
  const national = new Set(rules.filter((r) => r.statutory !== false).map((r) => actualDay(r, year)));
  const days = new Map(rules.map((rule) => [actualDay(rule, year), rule.name]));
  const add = (day: DayNumber, name: string) => {
    if (!days.has(day)) days.set(day, name);
  };

  for (const rule of [...rules].sort((a, b) => actualDay(a, year) - actualDay(b, year))) {
    if (rule.kind !== 'fixed' || !rule.observed) continue;
    const day = actualDay(rule, year);
    if (!isWeekend(day)) continue;
    if (rule.observed === 'NEAREST_WEEKDAY') {
      add(weekdayOf(day) === 6 ? day - 1 : day + 1, `${rule.name} (observed)`);
    } else {
      let substitute = day + 1;
      while (isWeekend(substitute) || days.has(substitute)) substitute++;
      add(substitute, `${rule.name} (substitute day)`);
    }
  }

  if (calendar.substitutes === 'JP') {
    // National Holidays Act art. 3(2): a holiday on a Sunday is followed by the next non-holiday.
    for (const day of national) {
      if (weekdayOf(day) !== 0) continue;
      let substitute = day + 1;
      while (national.has(substitute)) substitute++;
      add(substitute, '振替休日 (substitute holiday)');
    }
    // Art. 3(3): a day between two national holidays is one too (Japan's "Silver Week").
    for (const day of national) {
      if (national.has(day + 2) && !national.has(day + 1)) add(day + 1, '国民の休日 (citizens’ holiday)');
    }
  }
  for (const iso of calendar.extraDays ?? []) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    if (y === year) add(dayOf(y, m, d), 'one-off holiday');
  }
  return days;
};

const cache = new WeakMap<Calendar, Map<number, Map<DayNumber, string>>>();

/**
 * The holidays a calendar keeps in `year`, as ISO dates in order. Observed days of a holiday of the
 * year before or after that land in this year are included (a US New Year's Day on a Saturday is
 * observed on the Friday before).
 */
export const holidaysIn = (calendar: Calendar, year: number): string[] =>
  [...holidaysByDay(calendar, year).keys()].sort((a, b) => a - b).map(isoDateOf);

const holidaysByDay = (calendar: Calendar, year: number): Map<DayNumber, string> => {
  if (year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw new RangeError(
      `business-day calendars cover ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}, not ${year}`,
    );
  }
  let byYear = cache.get(calendar);
  if (!byYear) cache.set(calendar, (byYear = new Map()));
  let holidays = byYear.get(year);
  if (!holidays) {
    const around = [year - 1, year, year + 1].filter(
      (y) => y >= FIRST_CALENDAR_YEAR && y <= LAST_CALENDAR_YEAR,
    );
    holidays = new Map(
      around.flatMap((y) => [...holidaysOfYear(calendar, y)]).filter(([day]) => yearOf(day) === year),
    );
    byYear.set(year, holidays);
  }
  return holidays;
};

/** The holiday's name on `day`, if it is one. */
export const holidayOn = (calendar: Calendar, day: DayNumber): string | undefined =>
  holidaysByDay(calendar, yearOf(day)).get(day);

/** A day the marketplace works: not a weekend day, not a holiday. */
export const isBusinessDay = (calendar: Calendar, day: DayNumber): boolean =>
  !calendar.weekend.includes(weekdayOf(day)) && holidayOn(calendar, day) === undefined;
