import type { CreateReturnRequest } from './return-request.js';
import type { Policy } from './policy.js';
import type { EligibilityDecision, RuleCheck } from './eligibility-decision.js';
import { ValidationError, type FieldIssue } from './errors.js';
import { add, formatMoney, multiply, subtract, sum, zero, type Money } from './money.js';
import { marketplaceCurrency } from './marketplaces.js';
import { isSellerFault } from './reason-codes.js';

/**
 * The policy engine's answer to a new return request, explained rule by rule.
 *
 * Decisions made here (not fixed by the design):
 * - A request is within the window while whole days since delivery <= window days: a 30-day window still
 *   holds on day 30 and closes on day 31.
 * - A category is looked up in `returnWindowDays` exactly, then case-insensitively, then falls back to
 *   `default`. Only the policy's own keys count (a category named `constructor` gets the default).
 *   Ties between lines with the same shortest window go to the first such line.
 * - The value compared with the returnless and high-value thresholds is the items' price (unit price x
 *   quantity), without tax. HIGH_VALUE compares the most the refund can be: items + tax + original shipping
 *   when the reason is the seller's fault (the refund calculator's credits), strictly above the threshold.
 * - Rule numbers are minor units; a policy amount that is not set (valueUnder, estimatedReturnCost) is left
 *   out of `numbers` rather than given as a fake zero. AUTO_AUTHORIZE's `enabled` is the string 'true' or
 *   'false' (RuleCheck numbers hold numbers and strings only).
 * - A delivery date in the future (or unparseable) is a ValidationError, never a decision.
 * - Amounts in the policy in another currency than the marketplace's throw CurrencyMismatchError.
 */
export function decideEligibility(
  request: CreateReturnRequest,
  policy: Policy,
  now: Date,
): EligibilityDecision {
  const issues = validateRequestAgainstClock(request, now);
  if (issues.length > 0) {
    throw new ValidationError(issues.map((i) => `${i.field} ${i.rule}`).join('; '), issues);
  }

  const currency = marketplaceCurrency(request.marketplace);
  const daysSinceDelivery = Math.floor((now.getTime() - Date.parse(request.deliveredAt)) / MS_PER_DAY);

  // --- RETURN_WINDOW: the shortest window among the lines' categories.
  const window = shortestWindow(
    request.items.map((line) => line.category),
    policy.returnWindowDays,
  );
  const withinWindow = daysSinceDelivery <= window.windowDays;
  const windowPhrase = `the ${window.windowDays}-day return window for ${window.category}`;
  const windowNotes = [
    window.fromDefault ? `the policy's default window, as ${window.category} has none of its own` : undefined,
    request.items.length > 1 ? "the shortest among the request's categories" : undefined,
  ].filter((n): n is string => n !== undefined);
  const windowCheck: RuleCheck = {
    rule: 'RETURN_WINDOW',
    passed: withinWindow,
    detail:
      `${capitalize(deliveredAgo(daysSinceDelivery))}, ${withinWindow ? 'within' : 'outside'} ${windowPhrase}` +
      (windowNotes.length > 0 ? ` (${windowNotes.join('; ')})` : '') +
      '.',
    numbers: {
      category: window.category,
      windowDays: window.windowDays,
      daysSinceDelivery,
      deliveredAt: request.deliveredAt,
    },
  };

  // --- AUTO_AUTHORIZE
  const autoCheck: RuleCheck = {
    rule: 'AUTO_AUTHORIZE',
    passed: policy.autoAuthorize,
    detail: policy.autoAuthorize
      ? 'The policy authorizes requests within the return window automatically.'
      : 'The policy does not authorize requests automatically; the seller decides each one.',
    numbers: { enabled: policy.autoAuthorize ? 'true' : 'false' },
  };

  // --- RETURNLESS: the buyer keeps items that are cheap, or that cost at least their value to send back.
  const itemValue = sum(
    request.items.map((line) => multiply(line.unitPrice, line.quantity)),
    currency,
  );
  const { valueUnder, estimatedReturnCost, whenReturnCostAtLeastValue } = policy.returnless;
  const underValue = valueUnder !== undefined && isLess(itemValue, valueUnder);
  const costAtLeastValue =
    whenReturnCostAtLeastValue &&
    estimatedReturnCost !== undefined &&
    !isLess(estimatedReturnCost, itemValue);
  const returnless = withinWindow && (underValue || costAtLeastValue);
  const returnlessReason = underValue
    ? `their value ${fmt(itemValue)} is under the ${fmt(valueUnder)} returnless threshold`
    : costAtLeastValue
      ? `returning them would cost an estimated ${fmt(estimatedReturnCost)}, at least their value ${fmt(itemValue)}`
      : undefined;
  const returnlessCheck: RuleCheck = {
    rule: 'RETURNLESS',
    passed: returnless,
    detail: describeReturnless(),
    numbers: {
      itemValue: itemValue.amount,
      ...(valueUnder ? { valueUnder: valueUnder.amount } : {}),
      ...(estimatedReturnCost ? { estimatedReturnCost: estimatedReturnCost.amount } : {}),
      currency,
    },
  };

  function describeReturnless(): string {
    if (returnlessReason !== undefined) {
      return withinWindow
        ? `The buyer keeps the items and gets a refund without returning them: ${returnlessReason}.`
        : `The items would qualify for a returnless refund (${returnlessReason}), but only requests within the return window can have one.`;
    }
    const valuePart = valueUnder
      ? `their value ${fmt(itemValue)} is not under the ${fmt(valueUnder)} returnless threshold`
      : `the policy sets no returnless value threshold (the items are worth ${fmt(itemValue)})`;
    const costPart = !whenReturnCostAtLeastValue
      ? 'the policy does not keep items back for their return cost'
      : estimatedReturnCost
        ? `the estimated return cost ${fmt(estimatedReturnCost)} is below their value`
        : 'no estimated return cost is set';
    return `The items must come back: ${valuePart}, and ${costPart}.`;
  }

  // --- HIGH_VALUE: informational; a high-value request is authorized like any other, its refund waits later.
  const taxes = sum(
    request.items.flatMap((line) => (line.tax ? [line.tax] : [])),
    currency,
  );
  const shipping =
    request.originalShipping && isSellerFault(request.reason) ? request.originalShipping : zero(currency);
  const refundableValue = add(add(itemValue, taxes), shipping);
  const threshold = policy.highValueApprovalThreshold;
  const highValue = isLess(threshold, refundableValue);
  const highValueCheck: RuleCheck = {
    rule: 'HIGH_VALUE',
    passed: !highValue,
    detail: highValue
      ? `Up to ${fmt(refundableValue)} is refundable, above the ${fmt(threshold)} high-value threshold: the request can be authorized, but its refund will wait for a person's approval.`
      : `Up to ${fmt(refundableValue)} is refundable, within the ${fmt(threshold)} high-value threshold; the refund needs no extra approval.`,
    numbers: { refundableValue: refundableValue.amount, threshold: threshold.amount, currency },
  };

  // --- Outcome and summary
  const outcome = withinWindow && policy.autoAuthorize ? 'AUTHORIZE' : 'REQUIRES_AUTHORIZATION';
  let summary: string;
  if (!withinWindow) {
    summary = `Outside ${windowPhrase} (${deliveredAgo(daysSinceDelivery)}); the seller must authorize.`;
  } else {
    const keeps = returnless ? `, and the buyer keeps the items because ${returnlessReason}` : '';
    const approval = highValue
      ? `; the refund will need approval because up to ${fmt(refundableValue)} is refundable, above the ${fmt(threshold)} threshold`
      : '';
    summary = policy.autoAuthorize
      ? `Within ${windowPhrase} (${deliveredAgo(daysSinceDelivery)}); authorized automatically${keeps}${approval}.`
      : `Within ${windowPhrase} (${deliveredAgo(daysSinceDelivery)}), but the policy does not authorize automatically; the seller must authorize${returnless ? ' (the items qualify for a returnless refund)' : ''}.`;
  }

  return {
    outcome,
    withinPolicy: withinWindow,
    returnless,
    summary,
    checks: [windowCheck, autoCheck, returnlessCheck, highValueCheck],
  };
}

/**
 * Checks the request against the clock, which a schema cannot: the delivery must not be in the future.
 * Empty when the request is fine.
 */
export function validateRequestAgainstClock(
  request: Pick<CreateReturnRequest, 'deliveredAt' | 'requestedAt'>,
  now: Date,
): FieldIssue[] {
  const deliveredAt = Date.parse(request.deliveredAt);
  if (Number.isNaN(deliveredAt)) return [{ field: 'deliveredAt', rule: 'must be an ISO 8601 date-time' }];
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  if (deliveredAt > now.getTime()) return [{ field: 'deliveredAt', rule: 'must not be in the future' }];
  if (request.requestedAt === undefined) return [];
  // The buyer's request, relayed late: deadlines run from it, so it must lie between delivery and now.
  const requestedAt = Date.parse(request.requestedAt);
  if (Number.isNaN(requestedAt)) return [{ field: 'requestedAt', rule: 'must be an ISO 8601 date-time' }];
  if (requestedAt > now.getTime()) return [{ field: 'requestedAt', rule: 'must not be in the future' }];
  if (requestedAt < deliveredAt) return [{ field: 'requestedAt', rule: 'must not be before deliveredAt' }];
  return [];
}

const MS_PER_DAY = 86_400_000;

interface WindowChoice {
  category: string;
  windowDays: number;
  fromDefault: boolean;
}

const shortestWindow = (categories: readonly string[], windows: Policy['returnWindowDays']): WindowChoice => {
  const fallback = Object.hasOwn(windows, 'default') ? windows.default : undefined;
  if (fallback === undefined) throw new Error('the policy has no default return window');
  let best: WindowChoice | undefined;
  for (const category of categories) {
    const key = Object.hasOwn(windows, category)
      ? category
      : Object.keys(windows).find((k) => k.toLowerCase() === category.toLowerCase());
    const days = key === undefined ? undefined : windows[key];
    const choice: WindowChoice =
      days === undefined
        ? { category, windowDays: fallback, fromDefault: true }
        : { category, windowDays: days, fromDefault: false };
    if (best === undefined || choice.windowDays < best.windowDays) best = choice;
  }
  if (best === undefined) throw new RangeError('a return request has at least one line');
  return best;
};

/** a < b, refusing mixed currencies. */
const isLess = (a: Money, b: Money): boolean => subtract(a, b).amount < 0;

const fmt = (m: Money | undefined): string => (m ? formatMoney(m, 'en-US') : '');

const deliveredAgo = (days: number): string =>
  days === 0 ? 'delivered today' : `delivered ${days} ${days === 1 ? 'day' : 'days'} ago`;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
