import { z } from 'zod';
import { MARKETPLACES, MarketplaceSchema, type Marketplace } from '../../domain/marketplaces.js';
import { ReturnAddressSchema } from '../../domain/policy.js';
import { UsageError } from './usage-error.js';

/**
 * Zod rules for the admin CLI's flags. Schemas are objects keyed by flag name (as node:util parseArgs
 * returns them), so an issue's path starts with the flag and every message can name it.
 */

/** What zod says when a flag is absent or not text: "is required" rather than a type error. */
const requiredOrText = (issue: { input?: unknown }): string =>
  issue.input === undefined ? 'is required' : 'must be a value, not a bare flag';

export const textFlag = () => z.string({ error: requiredOrText });

export const emailFlag = () =>
  z.email({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be an e-mail address') });

/** Ids that sit inside table keys (`SELLER#<id>`), so no `#` and nothing a shell would mangle. */
export const sellerIdFlag = () =>
  textFlag().regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/,
    'must be 2-64 letters, digits, "-" or "_", starting with a letter or digit',
  );

/** Key ids are the 26 lowercase characters between `rk_` and the next `_` of an API key. */
export const keyIdFlag = () =>
  textFlag().regex(/^[0-9a-z]{26}$/, 'must be a key id: the 26 characters after "rk_" in an API key');

export const localeFlag = () =>
  textFlag().refine((tag) => {
    try {
      return /^[a-z]{2,3}-[A-Z]{2}$/.test(tag) && Intl.getCanonicalLocales(tag)[0] === tag;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language-REGION tag such as en-US');

/** The marketplaces a deployment serves, when the target is a configured region. */
export interface ServedMarketplaces {
  region: string;
  marketplaces: readonly Marketplace[];
}

/** `US,CA`: comma-separated marketplace codes, each known, none twice, and served by the region if given. */
export const marketplaceListFlag = (served?: ServedMarketplaces) =>
  textFlag().transform((value, ctx): Marketplace[] => {
    const codes = value
      .split(',')
      .map((code) => code.trim().toUpperCase())
      .filter((code) => code !== '');
    const problems: string[] = [];
    if (codes.length === 0) problems.push('must list at least one marketplace, e.g. US,CA');
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code)) problems.push(`lists ${code} twice`);
      seen.add(code);
      if (!MarketplaceSchema.safeParse(code).success) {
        problems.push(`"${code}" is not a marketplace; use ${Object.keys(MARKETPLACES).join(', ')}`);
      } else if (served && !served.marketplaces.includes(code as Marketplace)) {
        problems.push(
          `${code} is not served by ${served.region} (it serves ${served.marketplaces.join(', ')})`,
        );
      }
    }
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
    return problems.length > 0 ? z.NEVER : (codes as Marketplace[]);
  });

const RETURN_ADDRESS_EXAMPLE =
  '{"name":"Acme Returns","line1":"500 Warehouse Way","city":"Reno","region":"NV","postalCode":"89502","country":"US"}';

/** A return address as JSON, checked against the policy's own ReturnAddressSchema. */
export const returnAddressJsonFlag = () =>
  textFlag()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be JSON, e.g. '${RETURN_ADDRESS_EXAMPLE}'` });
        return z.NEVER;
      }
    })
    .pipe(ReturnAddressSchema);

/** Parses flag values with `schema`, or throws a UsageError with one `--flag: rule` line per issue. */
export const validateFlags = <S extends z.ZodType>(schema: S, values: unknown): z.output<S> => {
  const result = schema.safeParse(values, { reportInput: true });
  if (result.success) return result.data;
  throw new UsageError(result.error.issues.map(describeIssue));
};

const describeIssue = (issue: z.core.$ZodIssue): string => {
  const [flag, ...inside] = issue.path;
  if (flag === undefined) return issue.message;
  const field = inside.length > 0 ? `${inside.map(String).join('.')}: ` : '';
  // A field missing inside a JSON flag: say so rather than "expected string, received undefined".
  const missing = inside.length > 0 && issue.code === 'invalid_type' && issue.input === undefined;
  return `--${String(flag)}: ${field}${missing ? 'is required' : issue.message}`;
};
