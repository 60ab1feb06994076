import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../domain/errors.js';
import { EasyPostCarrier } from '../../../functions/adapters/easypost/easypost-carrier.js';
import { ConnectedLabelProviders } from '../../../functions/adapters/easypost/label-providers.js';
import { FakeCarrier } from '../../../functions/adapters/fake-carrier.js';
import { issueLabel } from '../../../functions/use-cases/issue-label.js';
import { storeUsPolicy } from '../../support/in-memory/pipeline-fixtures.js';
import { inMemoryWorld, TEST_SELLER } from '../../support/in-memory/world.js';
import { makeReturn } from '../../support/return-factory.js';

const connected = async (sellerId: string) =>
  sellerId === 'connected' ? { apiKey: 'EZTK_connected_seller_key' } : undefined;

describe("a seller's label provider", () => {
  it('is its EasyPost connection when it has one', async () => {
    const providers = new ConnectedLabelProviders({ credentialsOf: connected, fallback: new FakeCarrier() });
    expect(await providers.forSeller('connected')).toBeInstanceOf(EasyPostCarrier);
  });

  it('is the fake carrier for a seller without one, only where the fake carrier is allowed (local runs, tests)', async () => {
    const fake = new FakeCarrier();
    expect(
      await new ConnectedLabelProviders({ credentialsOf: connected, fallback: fake }).forSeller('other'),
    ).toBe(fake);
  });

  it('is none on a deployed stack: IssueLabel refuses, buying nothing, with an error a person can act on', async () => {
    const ret = makeReturn({ sellerId: TEST_SELLER.sellerId, status: 'AUTHORIZED' });
    const world = inMemoryWorld([ret]);
    await storeUsPolicy(world);
    world.labels = new ConnectedLabelProviders({ credentialsOf: connected });

    const refused = await issueLabel(world, ret.sellerId, ret.id, 'token', 86_400).catch((e: unknown) => e);
    // ValidationError is not retried: the run goes to NEEDS_ATTENTION with this message.
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([
      { field: 'integrations/easypost', rule: expect.stringContaining('PUT /v1/integrations/easypost') },
    ]);
    expect(world.returns.latest(ret)).toEqual(ret);
    expect(world.carrier.purchases).toEqual([]);
  });
});
