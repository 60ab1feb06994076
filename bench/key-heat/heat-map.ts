/** The busiest partition key value of a target by write units and by read units (`-` when none). */
export interface Busiest {
  write: { pk: string; wcu: number };
  read: { pk: string; rcu: number };
}

interface Units {
  wcu: number;
  rcu: number;
  /** The kinds of item charged to this partition key value. */
  kinds: Set<string>;
}

/** Capacity units per partition key value, per target (`table` or an index). */
export class HeatMap {
  private readonly units = new Map<string, Map<string, Units>>();

  write(target: string, pk: string, wcu: number, kind: string): void {
    this.at(target, pk, kind).wcu += wcu;
  }

  read(target: string, pk: string, rcu: number, kind: string): void {
    this.at(target, pk, kind).rcu += rcu;
  }

  /** The busiest key by writes and by reads, among the target's keys that hold `kind` when given. */
  busiest(target: string, kind?: string): Busiest {
    const entries = [...(this.units.get(target) ?? new Map<string, Units>()).entries()].filter(
      ([, u]) => kind === undefined || u.kinds.has(kind),
    );
    const top = (by: 'wcu' | 'rcu') =>
      entries.reduce<[string, number]>((best, [pk, u]) => (u[by] > best[1] ? [pk, u[by]] : best), ['-', 0]);
    const [wpk, wcu] = top('wcu');
    const [rpk, rcu] = top('rcu');
    return { write: { pk: wpk, wcu }, read: { pk: rpk, rcu } };
  }

  kindsOf(target: string): string[] {
    const kinds = new Set<string>();
    for (const u of this.units.get(target)?.values() ?? []) for (const k of u.kinds) kinds.add(k);
    return [...kinds].sort();
  }

  totalWcu(counts: (target: string) => boolean): number {
    let total = 0;
    for (const [target, keys] of this.units) {
      if (counts(target)) for (const u of keys.values()) total += u.wcu;
    }
    return total;
  }

  private at(target: string, pk: string, kind: string): Units {
    let keys = this.units.get(target);
    if (!keys) this.units.set(target, (keys = new Map()));
    let u = keys.get(pk);
    if (!u) keys.set(pk, (u = { wcu: 0, rcu: 0, kinds: new Set() }));
    u.kinds.add(kind);
    return u;
  }
}
