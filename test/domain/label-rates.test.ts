import { describe, expect, it } from 'vitest';
import { chooseRate, type OfferedRate } from '../../domain/label-rates.js';
import { parcelFor } from '../../domain/parcel.js';

const usd = (amount: number) => ({ amount, currency: 'USD' as const });
const RATES: OfferedRate[] = [
  { id: 'r-usps-ga', carrier: 'usps', service: 'GroundAdvantage', amount: usd(845) },
  { id: 'r-ups-ground', carrier: 'ups', service: 'Ground', amount: usd(799) },
  { id: 'r-fedex-2day', carrier: 'fedex', service: 'FEDEX_2_DAY', amount: usd(2100) },
  { id: 'r-usps-prio', carrier: 'usps', service: 'Priority', amount: usd(980) },
];

describe('chooseRate', () => {
  it("takes the cheapest of the marketplace's carriers without a preference", () => {
    expect(chooseRate(RATES, 'US', undefined)?.id).toBe('r-ups-ground');
  });

  it('takes the preferred carrier (its cheapest service) or the preferred service, case-insensitively', () => {
    expect(chooseRate(RATES, 'US', { carrier: 'usps' })?.id).toBe('r-usps-ga');
    expect(chooseRate(RATES, 'US', { carrier: 'usps', service: 'priority' })?.id).toBe('r-usps-prio');
  });

  it('falls back to the cheapest when the preference is not offered', () => {
    expect(chooseRate(RATES, 'US', { carrier: 'fedex', service: 'Overnight' })?.id).toBe('r-ups-ground');
  });

  it("keeps to the marketplace's carriers and currency: USPS serves no Canadian return, USD prices none", () => {
    const cad = (amount: number) => ({ amount, currency: 'CAD' as const });
    const canadian: OfferedRate[] = [
      { id: 'usps', carrier: 'usps', service: 'Priority', amount: cad(500) },
      { id: 'fedex', carrier: 'fedex', service: 'FEDEX_GROUND', amount: cad(1119) },
      { id: 'ups-usd', carrier: 'ups', service: 'Ground', amount: usd(100) },
    ];
    expect(chooseRate(canadian, 'CA', { carrier: 'usps' })?.id).toBe('fedex');
    expect(chooseRate(canadian.slice(0, 1), 'CA', undefined)).toBeUndefined();
  });
});

describe('parcelFor', () => {
  it("adds the weights, keeps the largest footprint and stacks the units, from the item's size, the policy's or the built-in", () => {
    const parcel = parcelFor(
      [
        { category: 'apparel', quantity: 2 },
        {
          category: 'electronics',
          quantity: 1,
          weight: { value: 1, unit: 'kg' },
          dimensions: { length: 20, width: 40, height: 10, unit: 'cm' },
        },
        { category: 'books', quantity: 1 },
      ],
      {
        books: {
          weight: { value: 1, unit: 'lb' },
          dimensions: { length: 9, width: 6, height: 2, unit: 'in' },
        },
      },
    );
    // 2 x 16 oz apparel (built in) + 1 kg (35.27 oz) + 1 lb (16 oz); 40 cm is 15.7 in; 2 x 2 + 3.9 + 2 in high.
    expect(parcel).toEqual({ weightOz: 83.3, lengthIn: 15.7, widthIn: 10, heightIn: 9.9 });
  });

  it("uses the policy's default for a category it does not list", () => {
    const parcel = parcelFor([{ category: 'garden', quantity: 1 }], {
      default: {
        weight: { value: 500, unit: 'g' },
        dimensions: { length: 30, width: 20, height: 10, unit: 'cm' },
      },
    });
    expect(parcel).toEqual({ weightOz: 17.6, lengthIn: 11.8, widthIn: 7.9, heightIn: 3.9 });
  });
});
