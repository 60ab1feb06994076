/**
 * What the EasyPost stand-in sells: a fixed rate card per carrier account, priced in the currency of the
 * country the parcel goes to, with a surcharge per pound over five. UPS Ground is the cheapest of the
 * North American carriers (7.99 USD, the figure the README's refund arithmetic uses); DHL Express is
 * cheaper still, but serves no marketplace's returns, so rate choice must pass it over.
 */
export interface RateCard {
  carrierAccountId: string;
  carrier: string;
  service: string;
  /** In US cents; converted for other countries below. */
  cents: number;
  deliveryDays: number;
}

export const RATE_CARDS: readonly RateCard[] = [
  { carrierAccountId: 'ca_ups', carrier: 'UPS', service: 'Ground', cents: 799, deliveryDays: 4 },
  { carrierAccountId: 'ca_ups', carrier: 'UPS', service: '2ndDayAir', cents: 1850, deliveryDays: 2 },
  { carrierAccountId: 'ca_usps', carrier: 'USPS', service: 'GroundAdvantage', cents: 845, deliveryDays: 5 },
  { carrierAccountId: 'ca_usps', carrier: 'USPS', service: 'Priority', cents: 980, deliveryDays: 3 },
  { carrierAccountId: 'ca_fedex', carrier: 'FedEx', service: 'FEDEX_GROUND', cents: 895, deliveryDays: 4 },
  { carrierAccountId: 'ca_fedex', carrier: 'FedEx', service: 'FEDEX_2_DAY', cents: 2100, deliveryDays: 2 },
  {
    carrierAccountId: 'ca_dhl',
    carrier: 'DHLExpress',
    service: 'ExpressWorldwide',
    cents: 650,
    deliveryDays: 3,
  },
];

/** Currency and rough exchange rate by destination country; anything else pays in US dollars. */
const PRICING: Readonly<Record<string, { currency: string; perUsd: number; decimals: number }>> = {
  US: { currency: 'USD', perUsd: 1, decimals: 2 },
  CA: { currency: 'CAD', perUsd: 1.25, decimals: 2 },
  MX: { currency: 'MXN', perUsd: 18.75, decimals: 2 },
  GB: { currency: 'GBP', perUsd: 0.75, decimals: 2 },
  DE: { currency: 'EUR', perUsd: 0.875, decimals: 2 },
  FR: { currency: 'EUR', perUsd: 0.875, decimals: 2 },
  IT: { currency: 'EUR', perUsd: 0.875, decimals: 2 },
  ES: { currency: 'EUR', perUsd: 0.875, decimals: 2 },
  JP: { currency: 'JPY', perUsd: 112.5, decimals: 0 },
};

/** A rate's price as EasyPost writes it (a decimal string) and its currency. */
export const priceOf = (
  card: RateCard,
  country: string,
  weightOz: number,
): { rate: string; currency: string } => {
  const pricing = PRICING[country] ?? PRICING.US!;
  const overweightLb = Math.max(0, Math.ceil((weightOz - 80) / 16));
  const usdCents = card.cents + overweightLb * 75;
  const minor = Math.round((usdCents / 100) * pricing.perUsd * 10 ** pricing.decimals);
  const rate =
    pricing.decimals === 0 ? String(minor) : (minor / 10 ** pricing.decimals).toFixed(pricing.decimals);
  return { rate, currency: pricing.currency };
};

/** A tracking number in the carrier's usual shape, from the stand-in's counter. */
export const trackingCodeFor = (carrier: string, serial: number): string => {
  const digits = String(serial).padStart(10, '0');
  if (carrier === 'UPS') return `1ZEP${digits}`;
  if (carrier === 'USPS') return `9400100000${digits}`;
  if (carrier === 'FedEx') return `77${digits}`;
  return `EP${digits}`;
};
