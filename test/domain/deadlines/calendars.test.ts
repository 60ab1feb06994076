import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../../../domain/deadlines/calendars.js';
import { easterSunday, holidayOn, holidaysIn, isBusinessDay } from '../../../domain/deadlines/holidays.js';
import { dayOf, isoDateOf } from '../../../domain/deadlines/calendar-day.js';

const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dayOf(y, m, d);
};

describe('business-day calendars, against the published lists', () => {
  it('computes Easter Sunday by rule', () => {
    expect([2025, 2026, 2027, 2028].map((y) => isoDateOf(easterSunday(y)))).toEqual([
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
    ]);
  });

  it('US: Thanksgiving is the fourth Thursday of November, and weekend holidays are observed on the nearest weekday', () => {
    expect(holidayOn(CALENDARS.US, day('2026-11-26'))).toBe('Thanksgiving Day');
    expect(isBusinessDay(CALENDARS.US, day('2026-11-26'))).toBe(false);
    expect(isBusinessDay(CALENDARS.US, day('2026-11-27'))).toBe(true); // the Friday after is not federal
    expect(holidayOn(CALENDARS.US, day('2025-11-27'))).toBe('Thanksgiving Day');
    expect(holidayOn(CALENDARS.US, day('2028-11-23'))).toBe('Thanksgiving Day');
    expect(holidayOn(CALENDARS.US, day('2026-07-03'))).toBe('Independence Day (observed)'); // 4 July a Saturday
    expect(holidayOn(CALENDARS.US, day('2027-12-31'))).toBe("New Year's Day (observed)"); // 1 Jan 2028 a Saturday
    expect(holidaysIn(CALENDARS.US, 2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-07-04',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('DE: Easter Monday, Good Friday, Ascension and Whit Monday move with Easter', () => {
    for (const easterMonday of ['2025-04-21', '2026-04-06', '2027-03-29', '2028-04-17']) {
      expect(holidayOn(CALENDARS.DE, day(easterMonday))).toBe('Ostermontag');
    }
    expect(holidaysIn(CALENDARS.DE, 2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('JP: Golden Week with its substitute holiday, and the citizens’ holiday between two holidays', () => {
    const golden2026 = ['2026-04-29', '2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06'];
    expect(holidaysIn(CALENDARS.JP, 2026).filter((d) => d >= '2026-04-28' && d <= '2026-05-07')).toEqual(
      golden2026,
    );
    expect(holidayOn(CALENDARS.JP, day('2026-05-06'))).toBe('振替休日 (substitute holiday)'); // 3 May a Sunday
    expect(holidaysIn(CALENDARS.JP, 2025).filter((d) => d >= '2025-04-28' && d <= '2025-05-07')).toEqual([
      '2025-04-29',
      '2025-05-03',
      '2025-05-04',
      '2025-05-05',
      '2025-05-06',
    ]);
    // 2027: 3 May is a Monday, so no substitute day; 6 May is a working Thursday.
    expect(isBusinessDay(CALENDARS.JP, day('2027-05-06'))).toBe(true);
    expect(holidayOn(CALENDARS.JP, day('2026-09-22'))).toBe('国民の休日 (citizens’ holiday)');
    expect(holidaysIn(CALENDARS.JP, 2026)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-12',
      '2026-02-11',
      '2026-02-23',
      '2026-03-20',
      '2026-04-29',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
      '2026-05-06',
      '2026-07-20',
      '2026-08-11',
      '2026-09-21',
      '2026-09-22',
      '2026-09-23',
      '2026-10-12',
      '2026-11-03',
      '2026-11-23',
      '2026-12-31',
    ]);
    expect(
      holidaysIn(CALENDARS.JP, 2028).filter((d) => d.slice(5, 7) === '03' || d.slice(5, 7) === '09'),
    ).toEqual(['2028-03-20', '2028-09-18', '2028-09-22']);
  });

  it('UK: bank holidays, with substitute days when Christmas or Boxing Day falls on a weekend', () => {
    expect(holidayOn(CALENDARS.UK, day('2026-08-31'))).toBe('Summer bank holiday');
    expect(holidaysIn(CALENDARS.UK, 2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
    // 2027: Christmas on a Saturday, Boxing Day on a Sunday: Monday 27 and Tuesday 28 are substitutes.
    expect(holidaysIn(CALENDARS.UK, 2027).slice(-4)).toEqual([
      '2027-12-25',
      '2027-12-26',
      '2027-12-27',
      '2027-12-28',
    ]);
    expect(isBusinessDay(CALENDARS.UK, day('2027-12-29'))).toBe(true);
  });

  it('IT keeps 4 October from 2026 on; CA’s Victoria Day is the Monday before 25 May', () => {
    expect(holidayOn(CALENDARS.IT, day('2025-10-04'))).toBeUndefined();
    expect(holidayOn(CALENDARS.IT, day('2027-10-04'))).toBe("San Francesco d'Assisi");
    expect(holidayOn(CALENDARS.CA, day('2026-05-18'))).toBe('Victoria Day');
    expect(holidayOn(CALENDARS.CA, day('2027-05-24'))).toBe('Victoria Day');
  });

  it('refuses a year outside the calendars’ range rather than guessing', () => {
    expect(() => holidaysIn(CALENDARS.US, 2100)).toThrow(RangeError);
  });
});
