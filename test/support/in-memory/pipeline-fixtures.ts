import { defaultPolicy, type Policy } from '../../../domain/policy.js';
import { TEST_RETURN_ADDRESS } from '../return-factory.js';
import { otherWriterApplying } from './other-writers.js';
import { TEST_SELLER, type InMemoryWorld } from './world.js';

/** The test seller's US policy: the default one, to the test address, with `changes`. */
export const usPolicy = (changes: Partial<Policy> = {}): Policy => ({
  ...defaultPolicy('US', TEST_RETURN_ADDRESS),
  ...changes,
});

/** Stores the test seller's US policy (with `changes`) in the world, as the seller would set it first. */
export const storeUsPolicy = async (world: InMemoryWorld, changes: Partial<Policy> = {}): Promise<void> => {
  await world.policies.put(TEST_SELLER.sellerId, usPolicy(changes), 0, '2026-01-01T00:00:00Z');
};

/** The seller gives a goodwill credit meanwhile (in cents of USD), as addConcession writes it first. */
export const creditMeanwhile = (concessionId: string, amount: number) =>
  otherWriterApplying(
    {
      type: 'ADD_CONCESSION',
      concession: {
        concessionId,
        amount: { amount, currency: 'USD' },
        reason: 'Sorry',
        status: 'SUBMITTED',
        at: '2026-11-10T11:00:00Z',
      },
    },
    { kind: 'seller', id: TEST_SELLER.sellerId },
  );
