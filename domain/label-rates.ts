import type { LabelCarrier, LabelPreferences } from './label-preferences.js';
import { marketplaceCurrency, type Marketplace } from './marketplaces.js';
import type { Money } from './money.js';

/** A label provider's offer for one shipment, its carrier in our words. */
export interface OfferedRate {
  id: string;
  carrier: LabelCarrier;
  service: string;
  amount: Money;
}

/** The carriers a marketplace's return labels may come from (the EasyPost ones that serve it). */
export const marketplaceLabelCarriers = (marketplace: Marketplace): readonly LabelCarrier[] =>
  marketplace === 'US' ? ['ups', 'usps', 'fedex'] : ['ups', 'fedex'];

const cheapest = (rates: readonly OfferedRate[]): OfferedRate | undefined =>
  rates.reduce<OfferedRate | undefined>(
    (best, r) => (!best || r.amount.amount < best.amount.amount ? r : best),
    undefined,
  );

/**
 * The rate to buy: among the rates in the marketplace's currency from the marketplace's carriers, the
 * policy's preferred carrier (and service, when it names one) if offered, else the cheapest; the first
 * offered wins a tie. Undefined when none is left.
 */
export const chooseRate = (
  rates: readonly OfferedRate[],
  marketplace: Marketplace,
  preferred: LabelPreferences['preferred'],
): OfferedRate | undefined => {
  const carriers = marketplaceLabelCarriers(marketplace);
  const currency = marketplaceCurrency(marketplace);
  const eligible = rates.filter((r) => carriers.includes(r.carrier) && r.amount.currency === currency);
  const wanted = preferred
    ? eligible.filter(
        (r) =>
          r.carrier === preferred.carrier &&
          (preferred.service === undefined || r.service.toLowerCase() === preferred.service.toLowerCase()),
      )
    : [];
  return cheapest(wanted) ?? cheapest(eligible);
};
