import * as z from './zod.js';

const positive = (max: number) =>
  z
    .number()
    .check(z.gt(0, 'must be more than 0'))
    .check(z.lte(max, `must be at most ${max}`));

/** One unit's weight, in the unit the seller knows it in. */
export const WeightSchema = z.strictObject({
  value: positive(100_000),
  unit: z.enum(['g', 'kg', 'oz', 'lb']),
});
export type Weight = z.infer<typeof WeightSchema>;

/** One unit's outer dimensions. */
export const ParcelDimensionsSchema = z.strictObject({
  length: positive(10_000),
  width: positive(10_000),
  height: positive(10_000),
  unit: z.enum(['cm', 'in']),
});
export type ParcelDimensions = z.infer<typeof ParcelDimensionsSchema>;

/** What one unit of a category weighs and measures, when the item does not say. */
export const ItemSizeSchema = z.strictObject({ weight: WeightSchema, dimensions: ParcelDimensionsSchema });
export type ItemSize = z.infer<typeof ItemSizeSchema>;

/** A parcel as label providers take it: ounces and inches (EasyPost's units), to a tenth. */
export interface Parcel {
  weightOz: number;
  lengthIn: number;
  widthIn: number;
  heightIn: number;
}

const OUNCES: Record<Weight['unit'], number> = {
  g: 1 / 28.349523125,
  kg: 1000 / 28.349523125,
  oz: 1,
  lb: 16,
};
const INCHES: Record<ParcelDimensions['unit'], number> = { cm: 1 / 2.54, in: 1 };

/** Sizes for the usual categories when neither the item nor the policy gives one; `default` for the rest. */
export const BUILT_IN_ITEM_SIZES: Readonly<Record<string, ItemSize>> = {
  default: { weight: { value: 16, unit: 'oz' }, dimensions: { length: 10, width: 8, height: 4, unit: 'in' } },
  electronics: {
    weight: { value: 32, unit: 'oz' },
    dimensions: { length: 12, width: 10, height: 4, unit: 'in' },
  },
  apparel: {
    weight: { value: 16, unit: 'oz' },
    dimensions: { length: 12, width: 10, height: 2, unit: 'in' },
  },
  toys: { weight: { value: 24, unit: 'oz' }, dimensions: { length: 14, width: 10, height: 6, unit: 'in' } },
};

const tenth = (n: number) => Math.max(0.1, Math.round(n * 10) / 10);

/** The size of one unit: the item's own, else the policy's for its category, else the built-in one. */
const sizeOf = (
  item: { category: string; weight?: Weight; dimensions?: ParcelDimensions },
  defaults: Readonly<Record<string, ItemSize>>,
): ItemSize => {
  const own = (table: Readonly<Record<string, ItemSize>>) =>
    Object.hasOwn(table, item.category) ? table[item.category] : undefined;
  const fallback =
    own(defaults) ??
    own(BUILT_IN_ITEM_SIZES) ??
    (Object.hasOwn(defaults, 'default') ? defaults.default : undefined) ??
    BUILT_IN_ITEM_SIZES.default!;
  return { weight: item.weight ?? fallback.weight, dimensions: item.dimensions ?? fallback.dimensions };
};

/**
 * The one parcel a return's items go back in: their weights added up, the largest footprint, and the
 * units stacked (heights added up). Each unit's size is its own, or the policy's default for its category
 * (`parcelDefaults`), or a built-in one.
 */
export const parcelFor = (
  items: readonly { category: string; quantity: number; weight?: Weight; dimensions?: ParcelDimensions }[],
  defaults: Readonly<Record<string, ItemSize>> = {},
): Parcel => {
  let weightOz = 0;
  let lengthIn = 0;
  let widthIn = 0;
  let heightIn = 0;
  for (const item of items) {
    const { weight, dimensions } = sizeOf(item, defaults);
    const inches = INCHES[dimensions.unit];
    const [long, wide] = [dimensions.length * inches, dimensions.width * inches].sort((a, b) => b - a);
    weightOz += weight.value * OUNCES[weight.unit] * item.quantity;
    lengthIn = Math.max(lengthIn, long!);
    widthIn = Math.max(widthIn, wide!);
    heightIn += dimensions.height * inches * item.quantity;
  }
  return {
    weightOz: tenth(weightOz),
    lengthIn: tenth(lengthIn),
    widthIn: tenth(widthIn),
    heightIn: tenth(heightIn),
  };
};
