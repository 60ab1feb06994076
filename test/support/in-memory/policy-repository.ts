import { ConcurrencyConflictError } from '../../../domain/errors.js';
import type { Marketplace } from '../../../domain/marketplaces.js';
import type { Policy, StoredPolicy } from '../../../domain/policy.js';
import type { PolicyRepository } from '../../../domain/ports.js';

/**
 * The policy repository in memory, conditional on the version like the DynamoDB one. `raceNextPut` plays
 * another editor whose write lands just before the next put is checked.
 */
export class InMemoryPolicyRepository implements PolicyRepository {
  private readonly stored = new Map<string, StoredPolicy>();
  private readonly racers: Array<() => StoredPolicy> = [];

  async get(sellerId: string, marketplace: Marketplace): Promise<StoredPolicy | undefined> {
    const policy = this.stored.get(`${sellerId}#${marketplace}`);
    return policy && structuredClone(policy);
  }

  async list(sellerId: string): Promise<StoredPolicy[]> {
    return [...this.stored.values()].filter((p) => p.sellerId === sellerId).map((p) => structuredClone(p));
  }

  async put(sellerId: string, policy: Policy, expectedVersion: number, now: string): Promise<StoredPolicy> {
    const racer = this.racers.shift();
    if (racer) this.write(racer());
    const current = this.stored.get(`${sellerId}#${policy.marketplace}`);
    if ((current?.version ?? 0) !== expectedVersion) {
      throw new ConcurrencyConflictError(`the ${policy.marketplace} policy`);
    }
    const stored: StoredPolicy = {
      ...structuredClone(policy),
      sellerId,
      version: expectedVersion + 1,
      updatedAt: now,
    };
    this.write(stored);
    return structuredClone(stored);
  }

  /** Another editor's policy, written just before the next put is checked. */
  raceNextPut(otherEditor: () => StoredPolicy): void {
    this.racers.push(otherEditor);
  }

  private write(policy: StoredPolicy): void {
    this.stored.set(`${policy.sellerId}#${policy.marketplace}`, structuredClone(policy));
  }
}
