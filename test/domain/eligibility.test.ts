import { describe, expect, it } from 'vitest';
import { decideEligibility, validateRequestAgainstClock } from '../../domain/eligibility.js';
import { EligibilityDecisionSchema, type RuleCheck } from '../../domain/eligibility-decision.js';
import { defaultPolicy, type Policy, type ReturnAddress } from '../../domain/policy.js';
import type { CreateReturnRequest, ReturnLine } from '../../domain/return-request.js';
import { CurrencyMismatchError } from '../../domain/money.js';
import { ValidationError } from '../../domain/errors.js';

const address: ReturnAddress = {
  name: 'Acme Returns',
  line1: '1 Dock Road',
  city: 'Reno',
  region: 'NV',
  postalCode: '89501',
  country: 'US',
};

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
const daysBefore = (days: number, extraMs = 0): string =>
  new Date(NOW.getTime() - days * DAY - extraMs).toISOString();

const usLine = (over: Partial<ReturnLine> = {}): ReturnLine => ({
  sku: 'SKU-1',
  category: 'electronics',
  quantity: 1,
  unitPrice: { amount: 2599, currency: 'USD' },
  tax: { amount: 208, currency: 'USD' },
  ...over,
});

const request = (over: Partial<CreateReturnRequest> = {}): CreateReturnRequest => ({
  orderId: '113-1234567-1234567',
  marketplace: 'US',
  buyer: { email: 'buyer@example.com', locale: 'en-US', country: 'US' },
  deliveredAt: daysBefore(12),
  items: [usLine()],
  reason: 'DEFECTIVE',
  comment: 'Screen flickers',
  ...over,
});

const usPolicy = (over: Partial<Policy> = {}): Policy => ({ ...defaultPolicy('US', address), ...over });

const check = (decision: ReturnType<typeof decideEligibility>, rule: RuleCheck['rule']): RuleCheck => {
  const found = decision.checks.find((c) => c.rule === rule);
  if (!found) throw new Error(`no ${rule} check`);
  return found;
};

describe('decideEligibility: the return window', () => {
  it('authorizes a request within the window when the policy auto-authorizes, and says why', () => {
    const decision = decideEligibility(request(), usPolicy(), NOW);

    expect(decision.outcome).toBe('AUTHORIZE');
    expect(decision.withinPolicy).toBe(true);
    expect(decision.returnless).toBe(false);
    expect(decision.summary).toBe(
      'Within the 30-day return window for electronics (delivered 12 days ago); authorized automatically.',
    );
    expect(check(decision, 'RETURN_WINDOW')).toEqual({
      rule: 'RETURN_WINDOW',
      passed: true,
      detail: 'Delivered 12 days ago, within the 30-day return window for electronics.',
      numbers: {
        category: 'electronics',
        windowDays: 30,
        daysSinceDelivery: 12,
        deliveredAt: daysBefore(12),
      },
    });
    expect(decision.checks.map((c) => c.rule)).toEqual([
      'RETURN_WINDOW',
      'AUTO_AUTHORIZE',
      'RETURNLESS',
      'HIGH_VALUE',
    ]);
    expect(EligibilityDecisionSchema.parse(decision)).toEqual(decision);
  });

  it('requires the seller to authorize a request outside the window', () => {
    const decision = decideEligibility(request({ deliveredAt: daysBefore(45) }), usPolicy(), NOW);

    expect(decision.outcome).toBe('REQUIRES_AUTHORIZATION');
    expect(decision.withinPolicy).toBe(false);
    expect(decision.summary).toBe(
      'Outside the 30-day return window for electronics (delivered 45 days ago); the seller must authorize.',
    );
    expect(check(decision, 'RETURN_WINDOW')).toMatchObject({
      passed: false,
      numbers: { windowDays: 30, daysSinceDelivery: 45 },
    });
  });

  it('counts whole days: day 30 is still inside a 30-day window, day 31 is not', () => {
    const lastDay = decideEligibility(
      request({ deliveredAt: daysBefore(30, DAY - 1) }), // 30 days and 23:59:59.999 ago
      usPolicy(),
      NOW,
    );
    expect(check(lastDay, 'RETURN_WINDOW').numbers.daysSinceDelivery).toBe(30);
    expect(lastDay.outcome).toBe('AUTHORIZE');

    const dayAfter = decideEligibility(request({ deliveredAt: daysBefore(31) }), usPolicy(), NOW);
    expect(check(dayAfter, 'RETURN_WINDOW').numbers.daysSinceDelivery).toBe(31);
    expect(dayAfter.outcome).toBe('REQUIRES_AUTHORIZATION');
  });

  it('says "today" and "1 day ago" rather than "0 days" and "1 days"', () => {
    const today = decideEligibility(request({ deliveredAt: daysBefore(0, 60_000) }), usPolicy(), NOW);
    expect(today.summary).toBe(
      'Within the 30-day return window for electronics (delivered today); authorized automatically.',
    );
    const yesterday = decideEligibility(request({ deliveredAt: daysBefore(1, 3_600_000) }), usPolicy(), NOW);
    expect(yesterday.summary).toContain('(delivered 1 day ago)');
  });

  it('applies the shortest window among the lines: apparel (60) with electronics (30) gives 30', () => {
    const items = [
      usLine({ sku: 'SHIRT', category: 'apparel' }),
      usLine({ sku: 'TV', category: 'electronics' }),
    ];
    const decision = decideEligibility(request({ items, deliveredAt: daysBefore(45) }), usPolicy(), NOW);

    expect(check(decision, 'RETURN_WINDOW').numbers).toMatchObject({
      category: 'electronics',
      windowDays: 30,
    });
    expect(decision.outcome).toBe('REQUIRES_AUTHORIZATION');

    const apparelOnly = decideEligibility(
      request({ items: [usLine({ category: 'apparel' })], deliveredAt: daysBefore(45) }),
      usPolicy(),
      NOW,
    );
    expect(apparelOnly.outcome).toBe('AUTHORIZE');
    expect(check(apparelOnly, 'RETURN_WINDOW').numbers.windowDays).toBe(60);
  });

  it('falls back to the default window for unlisted categories, even ones named like object properties', () => {
    const policy = usPolicy({ returnWindowDays: { default: 14, apparel: 60 } });
    for (const category of ['garden', 'constructor', '__proto__', 'toString']) {
      const decision = decideEligibility(
        request({ items: [usLine({ category })], deliveredAt: daysBefore(20) }),
        policy,
        NOW,
      );
      expect(check(decision, 'RETURN_WINDOW').numbers).toMatchObject({ category, windowDays: 14 });
      expect(decision.outcome).toBe('REQUIRES_AUTHORIZATION');
    }
    const garden = decideEligibility(request({ items: [usLine({ category: 'garden' })] }), policy, NOW);
    expect(check(garden, 'RETURN_WINDOW').detail).toBe(
      "Delivered 12 days ago, within the 14-day return window for garden (the policy's default window, as garden has none of its own).",
    );
  });

  it('matches categories case-insensitively when there is no exact key', () => {
    const decision = decideEligibility(
      request({ items: [usLine({ category: 'Apparel' })], deliveredAt: daysBefore(45) }),
      usPolicy(),
      NOW,
    );
    expect(check(decision, 'RETURN_WINDOW').numbers).toMatchObject({ category: 'Apparel', windowDays: 60 });
    expect(decision.outcome).toBe('AUTHORIZE');
  });
});

describe('decideEligibility: auto-authorize', () => {
  it('leaves a request within policy to the seller when auto-authorize is off', () => {
    const decision = decideEligibility(request(), usPolicy({ autoAuthorize: false }), NOW);

    expect(decision.outcome).toBe('REQUIRES_AUTHORIZATION');
    expect(decision.withinPolicy).toBe(true);
    expect(check(decision, 'AUTO_AUTHORIZE')).toMatchObject({ passed: false, numbers: { enabled: 'false' } });
    expect(decision.summary).toBe(
      'Within the 30-day return window for electronics (delivered 12 days ago), but the policy does not authorize automatically; the seller must authorize.',
    );
  });

  it('reports enabled "true" when on', () => {
    const decision = decideEligibility(request(), usPolicy(), NOW);
    expect(check(decision, 'AUTO_AUTHORIZE')).toMatchObject({ passed: true, numbers: { enabled: 'true' } });
  });
});

describe('decideEligibility: returnless', () => {
  it('lets the buyer keep items worth less than valueUnder ($8.99 < $10.00)', () => {
    const decision = decideEligibility(
      request({ items: [usLine({ unitPrice: { amount: 899, currency: 'USD' } })] }),
      usPolicy(),
      NOW,
    );
    expect(decision.returnless).toBe(true);
    expect(decision.outcome).toBe('AUTHORIZE');
    expect(check(decision, 'RETURNLESS')).toEqual({
      rule: 'RETURNLESS',
      passed: true,
      detail:
        'The buyer keeps the items and gets a refund without returning them: their value $8.99 is under the $10.00 returnless threshold.',
      numbers: { itemValue: 899, valueUnder: 1000, currency: 'USD' },
    });
    expect(decision.summary).toBe(
      'Within the 30-day return window for electronics (delivered 12 days ago); authorized automatically, and the buyer keeps the items because their value $8.99 is under the $10.00 returnless threshold.',
    );
  });

  it('sums unit price x quantity without tax, and is strict at the threshold (2 x $5.00 = $10.00 is not under)', () => {
    const decision = decideEligibility(
      request({
        items: [
          usLine({
            quantity: 2,
            unitPrice: { amount: 500, currency: 'USD' },
            tax: { amount: 80, currency: 'USD' },
          }),
        ],
      }),
      usPolicy(),
      NOW,
    );
    expect(check(decision, 'RETURNLESS').numbers.itemValue).toBe(1000);
    expect(decision.returnless).toBe(false);
    expect(check(decision, 'RETURNLESS').detail).toBe(
      'The items must come back: their value $10.00 is not under the $10.00 returnless threshold, and no estimated return cost is set.',
    );
  });

  it('lets the buyer keep items when the estimated return cost is at least their value', () => {
    const policy = usPolicy({
      returnless: {
        whenReturnCostAtLeastValue: true,
        estimatedReturnCost: { amount: 2599, currency: 'USD' },
      },
    });
    const atValue = decideEligibility(request(), policy, NOW);
    expect(atValue.returnless).toBe(true);
    expect(check(atValue, 'RETURNLESS').numbers).toEqual({
      itemValue: 2599,
      estimatedReturnCost: 2599,
      currency: 'USD',
    });

    const cheaperToShip = decideEligibility(
      request(),
      usPolicy({
        returnless: {
          whenReturnCostAtLeastValue: true,
          estimatedReturnCost: { amount: 2598, currency: 'USD' },
        },
      }),
      NOW,
    );
    expect(cheaperToShip.returnless).toBe(false);

    const ruleOff = decideEligibility(
      request(),
      usPolicy({
        returnless: {
          whenReturnCostAtLeastValue: false,
          estimatedReturnCost: { amount: 9999, currency: 'USD' },
        },
      }),
      NOW,
    );
    expect(ruleOff.returnless).toBe(false);
  });

  it('is never returnless outside the window, however cheap the items', () => {
    const decision = decideEligibility(
      request({
        items: [usLine({ unitPrice: { amount: 100, currency: 'USD' } })],
        deliveredAt: daysBefore(40),
      }),
      usPolicy(),
      NOW,
    );
    expect(decision.returnless).toBe(false);
    expect(check(decision, 'RETURNLESS').passed).toBe(false);
    expect(check(decision, 'RETURNLESS').detail).toContain('only requests within the return window');
  });

  it('is returnless when within policy even if the seller must still authorize', () => {
    const decision = decideEligibility(
      request({ items: [usLine({ unitPrice: { amount: 500, currency: 'USD' } })] }),
      usPolicy({ autoAuthorize: false }),
      NOW,
    );
    expect(decision.outcome).toBe('REQUIRES_AUTHORIZATION');
    expect(decision.returnless).toBe(true);
  });

  it('works in JPY, which has no minor unit', () => {
    const jp = defaultPolicy('JP', { ...address, country: 'JP' });
    const decision = decideEligibility(
      request({
        marketplace: 'JP',
        buyer: { email: 'kaimono@example.jp', locale: 'ja-JP', country: 'JP' },
        items: [
          usLine({ unitPrice: { amount: 1200, currency: 'JPY' }, tax: { amount: 120, currency: 'JPY' } }),
        ],
      }),
      jp,
      NOW,
    );
    expect(decision.returnless).toBe(true);
    expect(check(decision, 'RETURNLESS').numbers).toEqual({
      itemValue: 1200,
      valueUnder: 1500,
      currency: 'JPY',
    });
    expect(decision.summary).toContain('their value ¥1,200 is under the ¥1,500 returnless threshold');
    expect(check(decision, 'HIGH_VALUE').numbers).toEqual({
      refundableValue: 1320,
      threshold: 75_000,
      currency: 'JPY',
    });
  });

  it('refuses a policy whose amounts are in another currency than the request', () => {
    const policy = usPolicy({
      returnless: { whenReturnCostAtLeastValue: true, valueUnder: { amount: 1000, currency: 'EUR' } },
    });
    expect(() => decideEligibility(request(), policy, NOW)).toThrow(CurrencyMismatchError);
  });
});

describe('decideEligibility: high value', () => {
  const expensive = [
    usLine({
      quantity: 2,
      unitPrice: { amount: 25_000, currency: 'USD' },
      tax: { amount: 4_000, currency: 'USD' },
    }),
  ];

  it('still authorizes a high-value request, flagging that its refund will need approval', () => {
    const decision = decideEligibility(request({ items: expensive }), usPolicy(), NOW);

    expect(decision.outcome).toBe('AUTHORIZE');
    expect(check(decision, 'HIGH_VALUE')).toEqual({
      rule: 'HIGH_VALUE',
      passed: false,
      detail:
        "Up to $540.00 is refundable, above the $500.00 high-value threshold: the request can be authorized, but its refund will wait for a person's approval.",
      numbers: { refundableValue: 54_000, threshold: 50_000, currency: 'USD' },
    });
    expect(decision.summary).toBe(
      'Within the 30-day return window for electronics (delivered 12 days ago); authorized automatically; the refund will need approval because up to $540.00 is refundable, above the $500.00 threshold.',
    );
  });

  it('counts original shipping only on seller-fault returns, and is strict at the threshold', () => {
    const items = [
      usLine({ unitPrice: { amount: 45_000, currency: 'USD' }, tax: { amount: 4_000, currency: 'USD' } }),
    ];
    const originalShipping = { amount: 1_000, currency: 'USD' } as const;

    const sellerFault = decideEligibility(
      request({ items, originalShipping, reason: 'DEFECTIVE' }),
      usPolicy(),
      NOW,
    );
    expect(check(sellerFault, 'HIGH_VALUE')).toMatchObject({
      passed: true,
      numbers: { refundableValue: 50_000 },
    });

    const remorse = decideEligibility(
      request({ items, originalShipping, reason: 'CHANGED_MIND' }),
      usPolicy(),
      NOW,
    );
    expect(check(remorse, 'HIGH_VALUE')).toMatchObject({
      passed: true,
      numbers: { refundableValue: 49_000 },
    });

    const oneCentOver = decideEligibility(
      request({ items, originalShipping: { amount: 1_001, currency: 'USD' } }),
      usPolicy(),
      NOW,
    );
    expect(check(oneCentOver, 'HIGH_VALUE').passed).toBe(false);
  });
});

describe('validateRequestAgainstClock', () => {
  it('refuses a delivery date in the future', () => {
    expect(
      validateRequestAgainstClock({ deliveredAt: new Date(NOW.getTime() + 1).toISOString() }, NOW),
    ).toEqual([{ field: 'deliveredAt', rule: 'must not be in the future' }]);
  });

  it('accepts a delivery now or in the past, whatever the offset it is written with', () => {
    expect(validateRequestAgainstClock({ deliveredAt: NOW.toISOString() }, NOW)).toEqual([]);
    expect(validateRequestAgainstClock({ deliveredAt: '2026-12-01T13:00:00+01:00' }, NOW)).toEqual([]);
    expect(validateRequestAgainstClock({ deliveredAt: '2026-12-01T13:00:01+01:00' }, NOW)).toHaveLength(1);
    expect(validateRequestAgainstClock(request(), NOW)).toEqual([]);
  });

  it('makes decideEligibility throw a ValidationError instead of deciding on a future delivery', () => {
    const future = request({ deliveredAt: '2026-12-02T00:00:00Z' });
    expect(() => decideEligibility(future, usPolicy(), NOW)).toThrow(ValidationError);
    try {
      decideEligibility(future, usPolicy(), NOW);
    } catch (e) {
      expect((e as ValidationError).issues).toEqual([
        { field: 'deliveredAt', rule: 'must not be in the future' },
      ]);
    }
  });
});
