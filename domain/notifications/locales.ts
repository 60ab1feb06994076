/** The locales with hand-written texts; the first is the fallback. */
export const SUPPORTED_LOCALES = ['en-US', 'zh-CN', 'de-DE', 'ja-JP'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: SupportedLocale = 'en-US';

export interface ResolvedLocale {
  /** Whose phrases are used. */
  texts: SupportedLocale;
  /**
   * The locale money and dates are formatted in: the reader's own tag when it shares the language of the
   * texts (en-GB reads "1 November 2026", de-AT "€ 12,34"), otherwise the texts' locale, so numbers never
   * appear in a language the e-mail is not written in.
   */
  format: string;
}

const language = (tag: string): string => tag.split('-')[0]!.toLowerCase();

const canonical = (requested: string): string | undefined => {
  try {
    return Intl.getCanonicalLocales(requested.trim().replaceAll('_', '-'))[0];
  } catch {
    return undefined; // not a well-formed language tag
  }
};

/**
 * Exact match (case-insensitive), else the supported locale of the same language (de-AT -> de-DE,
 * zh-TW -> zh-CN, ja -> ja-JP), else en-US.
 */
export const resolveLocale = (requested?: string): ResolvedLocale => {
  const tag = requested ? canonical(requested) : undefined;
  if (!tag) return { texts: DEFAULT_LOCALE, format: DEFAULT_LOCALE };
  const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return { texts: exact, format: exact };
  const sameLanguage = SUPPORTED_LOCALES.find((l) => language(l) === language(tag));
  if (sameLanguage) return { texts: sameLanguage, format: tag };
  return { texts: DEFAULT_LOCALE, format: DEFAULT_LOCALE };
};
