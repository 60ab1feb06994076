import { ConcurrencyConflictError, NotFoundError } from '../../domain/errors.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import type { Clock, ReturnRepository, SellerRepository } from '../../domain/ports.js';
import type { NotifyDeps } from './notify-once.js';
import type { Actor, Return } from '../../domain/return.js';

export interface ApplyCommandDeps {
  returns: ReturnRepository;
  clock: Clock;
}

/** What a command that tells someone about it needs besides. */
export interface NotifyingCommandDeps extends ApplyCommandDeps, NotifyDeps {
  sellers: SellerRepository;
}

const ATTEMPTS = 3;

/**
 * Applies one lifecycle command to a seller's return:
 * 1. read the return (another seller's return is simply not found);
 * 2. run the pure transition, which refuses illegal commands;
 * 3. write it back on the version that was read; if another writer won, read again and re-decide.
 */
export const applyCommand = async (
  deps: ApplyCommandDeps,
  sellerId: string,
  id: string,
  command: LifecycleCommand,
  actor: Actor,
): Promise<Return> => {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.returns.get(sellerId, id);
    if (!current) throw new NotFoundError(`return ${id}`);
    const next = transition(current, command, { now: deps.clock.now(), actor });
    try {
      await deps.returns.update(next);
      return next;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
};
