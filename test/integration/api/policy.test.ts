import { beforeAll, describe, expect, it } from 'vitest';
import { invoke, newSeller } from '../support/api.js';

interface StoredPolicy {
  marketplace: string;
  version: number;
  autoAuthorize: boolean;
  returnWindowDays: Record<string, number>;
}

describe('GET and PUT /v1/policy', () => {
  let sellerId: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller(['US', 'CA', 'DE']));
  });

  const current = async (marketplace: string) => {
    const answer = await invoke('GetPolicy', { sellerId, path: '/v1/policy' });
    return (answer.body.items as (StoredPolicy & Record<string, unknown>)[]).find(
      (p) => p.marketplace === marketplace,
    )!;
  };
  const strip = ({ sellerId: _s, version: _v, updatedAt: _u, ...policy }: Record<string, unknown>) => policy;

  it('lists one policy per marketplace the seller sells on', async () => {
    const answer = await invoke('GetPolicy', { sellerId, path: '/v1/policy' });
    expect(answer.status).toBe(200);
    expect((answer.body.items as StoredPolicy[]).map((p) => p.marketplace).sort()).toEqual([
      'CA',
      'DE',
      'US',
    ]);
  });

  it('replaces a policy and bumps its version; the next return follows it', async () => {
    const before = await current('US');
    const answer = await invoke('PutPolicy', {
      sellerId,
      path: '/v1/policy',
      body: { ...strip(before), autoAuthorize: false, returnWindowDays: { default: 45 } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      version: before.version + 1,
      autoAuthorize: false,
      returnWindowDays: { default: 45 },
    });
    expect(await current('US')).toMatchObject({ autoAuthorize: false });
  });

  it.each([
    [
      'a missing default window',
      (p: Record<string, unknown>) => ({ ...p, returnWindowDays: { electronics: 30 } }),
      'returnWindowDays',
    ],
    [
      'negative days',
      (p: Record<string, unknown>) => ({ ...p, returnWindowDays: { default: -1 } }),
      'returnWindowDays/default',
    ],
    ['an unknown field', (p: Record<string, unknown>) => ({ ...p, vip: true }), 'vip'],
    [
      'a threshold in another currency',
      (p: Record<string, unknown>) => ({
        ...p,
        highValueApprovalThreshold: { amount: 100, currency: 'EUR' },
      }),
      'highValueApprovalThreshold/currency',
    ],
    [
      'a fee over 100%',
      (p: Record<string, unknown>) => ({ ...p, restockingFees: [{ grade: 'USED', feeBasisPoints: 20000 }] }),
      'restockingFees/0/feeBasisPoints',
    ],
    ['no return address', (p: Record<string, unknown>) => ({ ...p, returnAddresses: [] }), 'returnAddresses'],
  ])('refuses %s, keeping the stored policy', async (_name, mutate, field) => {
    const before = await current('CA');
    const answer = await invoke('PutPolicy', { sellerId, path: '/v1/policy', body: mutate(strip(before)) });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    expect(await current('CA')).toEqual(before);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses a window for a category named %s (400 naming the rule), keeping the stored policy',
    async (name) => {
      const before = await current('CA');
      // Spelled out as raw JSON: an object literal's __proto__ would set its prototype instead of a key.
      const policy = JSON.stringify(strip(before)).replace(
        '"returnWindowDays":{',
        `"returnWindowDays":{"${name}":20,`,
      );
      const answer = await invoke('PutPolicy', {
        sellerId,
        path: '/v1/policy',
        raw: policy,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(400);
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body.errors).toContainEqual({
        field: `returnWindowDays/${name}`,
        rule: expect.stringContaining('Object.prototype'),
      });
      expect(await current('CA')).toEqual(before);
    },
  );

  it('refuses a window below the legal minimum of the marketplace (14 days in DE), keeping the stored policy', async () => {
    const before = await current('DE');
    const answer = await invoke('PutPolicy', {
      sellerId,
      path: '/v1/policy',
      body: { ...strip(before), returnWindowDays: { default: 30, clearance: 7 } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { field: 'returnWindowDays/clearance', rule: 'must be at least 14 days, the legal minimum in DE' },
    ]);
    expect(await current('DE')).toEqual(before);
  });

  it('keeps label preferences and parcel defaults, and refuses a carrier no label provider sells, writing nothing', async () => {
    const before = await current('US');
    const labels = {
      preferred: { carrier: 'usps', service: 'Priority' },
      parcelDefaults: {
        books: {
          weight: { value: 1, unit: 'lb' },
          dimensions: { length: 9, width: 6, height: 2, unit: 'in' },
        },
      },
    };
    const put = await invoke('PutPolicy', {
      sellerId,
      path: '/v1/policy',
      body: { ...strip(before), labels },
    });
    expect(put.status).toBe(200);
    expect((await current('US')).labels).toEqual(labels);

    const stored = await current('US');
    const bad = await invoke('PutPolicy', {
      sellerId,
      path: '/v1/policy',
      body: { ...strip(stored), labels: { preferred: { carrier: 'dhl' } } },
    });
    expect(bad).toMatchObject({ status: 400, contentType: 'application/problem+json' });
    expect(bad.body.errors?.map((e) => e.field)).toEqual(['labels/preferred/carrier']);
    expect(await current('US')).toEqual(stored);
  });
});
