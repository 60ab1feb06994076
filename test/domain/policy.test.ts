import { describe, expect, it } from 'vitest';
import { PolicySchema, defaultPolicy, type Policy, type ReturnAddress } from '../../domain/policy.js';
import { MARKETPLACES, type Marketplace } from '../../domain/marketplaces.js';

const address: ReturnAddress = {
  name: 'Acme Returns',
  line1: '1 Dock Road',
  city: 'Reno',
  postalCode: '89501',
  country: 'US',
};

const us = (): Policy => defaultPolicy('US', address);

/** The issues of a refused policy, as `path: message`. */
const issuesOf = (candidate: unknown): string[] => {
  const result = PolicySchema.safeParse(candidate);
  if (result.success) throw new Error('expected the policy to be refused');
  return result.error.issues.map((i) => `${i.path.join('/')}: ${i.message}`);
};

describe('PolicySchema', () => {
  it.each(Object.keys(MARKETPLACES) as Marketplace[])('accepts the default policy for %s', (marketplace) => {
    const policy = defaultPolicy(marketplace, address);
    expect(PolicySchema.parse(policy)).toEqual(policy);
    const currency = MARKETPLACES[marketplace].currency;
    expect(policy.highValueApprovalThreshold.currency).toBe(currency);
    expect(policy.returnless.valueUnder?.currency).toBe(currency);
  });

  it('gives the US default the documented numbers', () => {
    const policy = us();
    expect(policy.returnWindowDays).toEqual({ default: 30, electronics: 30, apparel: 60, toys: 60 });
    expect(policy.highValueApprovalThreshold).toEqual({ amount: 50_000, currency: 'USD' });
    expect(policy.returnless.valueUnder).toEqual({ amount: 1_000, currency: 'USD' });
    expect(defaultPolicy('JP', address).highValueApprovalThreshold).toEqual({
      amount: 75_000,
      currency: 'JPY',
    });
  });

  it('refuses unknown fields, at the top and inside', () => {
    expect(issuesOf({ ...us(), surprise: true })).toEqual([': Unrecognized key: "surprise"']);
    expect(issuesOf({ ...us(), returnless: { ...us().returnless, extra: 1 } })).toEqual([
      'returnless: Unrecognized key: "extra"',
    ]);
    expect(
      issuesOf({ ...us(), restockingFees: [{ grade: 'USED', feeBasisPoints: 100, flat: 5 }] }).length,
    ).toBe(1);
    expect(issuesOf({ ...us(), returnAddresses: [{ ...address, phone: '555' }] })).toEqual([
      'returnAddresses/0: Unrecognized key: "phone"',
    ]);
  });

  it('refuses negative and fractional days', () => {
    expect(issuesOf({ ...us(), returnWindowDays: { default: 30, apparel: -1 } })).toEqual([
      'returnWindowDays/apparel: Too small: expected number to be >=0',
    ]);
    expect(issuesOf({ ...us(), returnWindowDays: { default: 30.5 } })).toEqual([
      'returnWindowDays/default: must be a whole number of days',
    ]);
    expect(issuesOf({ ...us(), shipByDays: 0 })).toEqual([
      'shipByDays: Too small: expected number to be >=1',
    ]);
    expect(issuesOf({ ...us(), shipByDays: -3 })).toContain(
      'shipByDays: Too small: expected number to be >=0',
    );
  });

  it('refuses restocking fees above 10000 basis points (100%) and accepts exactly 100%', () => {
    expect(issuesOf({ ...us(), restockingFees: [{ grade: 'USED', feeBasisPoints: 10_001 }] })).toEqual([
      'restockingFees/0/feeBasisPoints: must be at most 10000 (100%)',
    ]);
    expect(issuesOf({ ...us(), restockingFees: [{ grade: 'USED', feeBasisPoints: -1 }] })).toHaveLength(1);
    expect(
      PolicySchema.safeParse({ ...us(), restockingFees: [{ grade: 'USED', feeBasisPoints: 10_000 }] })
        .success,
    ).toBe(true);
  });

  it('refuses a window table without a default', () => {
    expect(issuesOf({ ...us(), returnWindowDays: { electronics: 30 } })).toEqual([
      'returnWindowDays: must have a "default" window',
    ]);
  });

  it('refuses a policy without a return address, and unknown grades or marketplaces', () => {
    expect(issuesOf({ ...us(), returnAddresses: [] })).toEqual([
      'returnAddresses: must have at least one return address',
    ]);
    expect(issuesOf({ ...us(), restockingFees: [{ grade: 'SMELLY', feeBasisPoints: 100 }] })).toHaveLength(1);
    expect(issuesOf({ ...us(), marketplace: 'ZZ' })).toHaveLength(1);
  });
});
