import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey } from './en-us.js';
import { LOCALES, type Locale } from './messages.js';

export interface I18n {
  locale: Locale;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** Integer minor units and an ISO 4217 code, shown with the currency's own number of decimals. */
  money(money: { amount: number; currency: string }): string;
  dateTime(iso: string): string;
  date(iso: string): string;
  number(n: number): string;
}

/** How many minor units a currency's major unit has (JPY: none), from Intl itself. */
const minorDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

export const i18nFor = (locale: Locale): I18n => {
  const messages = LOCALES[locale].messages;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  return {
    locale,
    t: (key, values = {}) =>
      messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)),
    // Shown only: money is never computed here, and `style: currency` needs the major unit.
    money: ({ amount, currency }) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
        amount / 10 ** minorDigits(currency),
      ),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
    number: (n) => number.format(n),
  };
};

export const I18nContext = createContext<I18n>(i18nFor('en-US'));
export const useI18n = (): I18n => useContext(I18nContext);
