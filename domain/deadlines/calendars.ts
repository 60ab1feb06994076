import type { Marketplace } from '../marketplaces.js';
import type { Calendar, HolidayRule } from './holiday-rules.js';

/**
 * Each marketplace's business days: Monday to Friday, less the main public holidays, as rules
 * (holiday-rules.ts) computed for every year from 2000 to 2099 (checked against published lists for
 * 2025-2028 in test/domain/deadlines/calendars.test.ts; earlier one-off moves, such as Japan's 2020-2021
 * Olympic holidays, are not kept). Nationwide holidays only: a regional one (a German Land's, a US
 * state's) is a business day here, so a count here never ends later than one that skips it would.
 */
const SAT_SUN = [0, 6];
const MON = 1;
const THU = 4;

const fixed = (name: string, month: number, day: number, extra: Partial<HolidayRule> = {}) =>
  ({ kind: 'fixed', name, month, day, ...extra }) as HolidayRule;
const nth = (name: string, month: number, weekday: number, n: number): HolidayRule => ({
  kind: 'nth-weekday',
  name,
  month,
  weekday,
  n,
});
const easter = (name: string, offset: number): HolidayRule => ({ kind: 'easter', name, offset });
const observedNearest = { observed: 'NEAREST_WEEKDAY' } as const;
const observedNext = { observed: 'NEXT_FREE_WEEKDAY' } as const;

export const CALENDARS: Readonly<Record<Marketplace, Calendar>> = {
  US: {
    // The platforms' own zone (Amazon in Seattle, eBay in San Jose): the latest mainland US day.
    timeZone: 'America/Los_Angeles',
    weekend: SAT_SUN,
    holidays: [
      fixed("New Year's Day", 1, 1, observedNearest),
      nth('Martin Luther King Jr. Day', 1, MON, 3),
      nth("Washington's Birthday", 2, MON, 3),
      nth('Memorial Day', 5, MON, -1),
      fixed('Juneteenth', 6, 19, { ...observedNearest, fromYear: 2021 }),
      fixed('Independence Day', 7, 4, observedNearest),
      nth('Labor Day', 9, MON, 1),
      nth('Columbus Day', 10, MON, 2),
      fixed('Veterans Day', 11, 11, observedNearest),
      nth('Thanksgiving Day', 11, THU, 4),
      fixed('Christmas Day', 12, 25, observedNearest),
    ],
    source: '5 U.S.C. 6103 (federal holidays; weekend holidays observed on the nearest weekday)',
  },
  CA: {
    timeZone: 'America/Toronto',
    weekend: SAT_SUN,
    holidays: [
      fixed("New Year's Day", 1, 1, observedNext),
      easter('Good Friday', -2),
      { kind: 'weekday-on-or-before', name: 'Victoria Day', month: 5, day: 24, weekday: MON },
      fixed('Canada Day', 7, 1, observedNext),
      nth('Labour Day', 9, MON, 1),
      fixed('National Day for Truth and Reconciliation', 9, 30, { ...observedNext, fromYear: 2021 }),
      nth('Thanksgiving', 10, MON, 2),
      fixed('Remembrance Day', 11, 11, observedNext),
      fixed('Christmas Day', 12, 25, observedNext),
      fixed('Boxing Day', 12, 26, observedNext),
    ],
    source: 'Canada Labour Code s. 166 (general holidays) and Holidays Act',
  },
  MX: {
    timeZone: 'America/Mexico_City',
    weekend: SAT_SUN,
    holidays: [
      fixed('Año Nuevo', 1, 1),
      nth('Día de la Constitución', 2, MON, 1),
      nth('Natalicio de Benito Juárez', 3, MON, 3),
      fixed('Día del Trabajo', 5, 1),
      fixed('Día de la Independencia', 9, 16),
      nth('Día de la Revolución', 11, MON, 3),
      fixed('Navidad', 12, 25),
    ],
    source:
      'Ley Federal del Trabajo art. 74 (the inauguration day every six years, 1 October 2030 next, is not kept)',
  },
  UK: {
    timeZone: 'Europe/London',
    weekend: SAT_SUN,
    holidays: [
      fixed("New Year's Day", 1, 1, observedNext),
      easter('Good Friday', -2),
      easter('Easter Monday', 1),
      nth('Early May bank holiday', 5, MON, 1),
      nth('Spring bank holiday', 5, MON, -1),
      nth('Summer bank holiday', 8, MON, -1),
      fixed('Christmas Day', 12, 25, observedNext),
      fixed('Boxing Day', 12, 26, observedNext),
    ],
    source:
      'Banking and Financial Dealings Act 1971, Schedule 1 (England and Wales bank holidays, with substitute days)',
  },
  DE: {
    timeZone: 'Europe/Berlin',
    weekend: SAT_SUN,
    holidays: [
      fixed('Neujahr', 1, 1),
      easter('Karfreitag', -2),
      easter('Ostermontag', 1),
      fixed('Tag der Arbeit', 5, 1),
      easter('Christi Himmelfahrt', 39),
      easter('Pfingstmontag', 50),
      fixed('Tag der Deutschen Einheit', 10, 3),
      fixed('1. Weihnachtstag', 12, 25),
      fixed('2. Weihnachtstag', 12, 26),
    ],
    source:
      'the nine holidays every German Land keeps (Einigungsvertrag art. 2(2) and the Länder holiday acts)',
  },
  FR: {
    timeZone: 'Europe/Paris',
    weekend: SAT_SUN,
    holidays: [
      fixed("Jour de l'an", 1, 1),
      easter('Lundi de Pâques', 1),
      fixed('Fête du Travail', 5, 1),
      fixed('Victoire 1945', 5, 8),
      easter('Ascension', 39),
      easter('Lundi de Pentecôte', 50),
      fixed('Fête nationale', 7, 14),
      fixed('Assomption', 8, 15),
      fixed('Toussaint', 11, 1),
      fixed('Armistice 1918', 11, 11),
      fixed('Noël', 12, 25),
    ],
    source: 'Code du travail art. L3133-1 (jours fériés)',
  },
  IT: {
    timeZone: 'Europe/Rome',
    weekend: SAT_SUN,
    holidays: [
      fixed('Capodanno', 1, 1),
      fixed('Epifania', 1, 6),
      easter("Lunedì dell'Angelo", 1),
      fixed('Festa della Liberazione', 4, 25),
      fixed('Festa del Lavoro', 5, 1),
      fixed('Festa della Repubblica', 6, 2),
      fixed('Ferragosto', 8, 15),
      fixed("San Francesco d'Assisi", 10, 4, { fromYear: 2026 }),
      fixed('Ognissanti', 11, 1),
      fixed('Immacolata Concezione', 12, 8),
      fixed('Natale', 12, 25),
      fixed('Santo Stefano', 12, 26),
    ],
    source: 'Legge 260/1949 as amended (4 October a national holiday again from 2026, Legge 151/2025)',
  },
  ES: {
    timeZone: 'Europe/Madrid',
    weekend: SAT_SUN,
    holidays: [
      fixed('Año Nuevo', 1, 1),
      fixed('Epifanía del Señor', 1, 6),
      easter('Viernes Santo', -2),
      fixed('Fiesta del Trabajo', 5, 1),
      fixed('Asunción de la Virgen', 8, 15),
      fixed('Fiesta Nacional de España', 10, 12),
      fixed('Todos los Santos', 11, 1),
      fixed('Día de la Constitución', 12, 6),
      fixed('Inmaculada Concepción', 12, 8),
      fixed('Natividad del Señor', 12, 25),
    ],
    source:
      'Estatuto de los Trabajadores art. 37.2 and Real Decreto 2001/1983 (the nationwide days; the communities move some)',
  },
  JP: {
    timeZone: 'Asia/Tokyo',
    weekend: SAT_SUN,
    holidays: [
      fixed('元日', 1, 1),
      nth('成人の日', 1, MON, 2),
      fixed('建国記念の日', 2, 11),
      fixed('天皇誕生日', 2, 23, { fromYear: 2020 }),
      fixed('天皇誕生日', 12, 23, { untilYear: 2018 }),
      { kind: 'equinox', name: '春分の日', month: 3 },
      fixed('昭和の日', 4, 29),
      fixed('憲法記念日', 5, 3),
      fixed('みどりの日', 5, 4),
      fixed('こどもの日', 5, 5),
      nth('海の日', 7, MON, 3),
      fixed('山の日', 8, 11, { fromYear: 2016 }),
      nth('敬老の日', 9, MON, 3),
      { kind: 'equinox', name: '秋分の日', month: 9 },
      nth('スポーツの日', 10, MON, 2),
      fixed('文化の日', 11, 3),
      fixed('勤労感謝の日', 11, 23),
      // Bank holidays, not national ones: businesses and banks close; no substitute days.
      fixed('銀行休業日 (1月2日)', 1, 2, { statutory: false }),
      fixed('銀行休業日 (1月3日)', 1, 3, { statutory: false }),
      fixed('銀行休業日 (12月31日)', 12, 31, { statutory: false }),
    ],
    substitutes: 'JP',
    source:
      '国民の祝日に関する法律 (National Holidays Act, with substitute and in-between holidays) and 銀行法施行令 art. 5 (bank holidays)',
  },
};
