import type { ExecutionRecord, ExecutionStore } from './execution-store.js';

/**
 * Keeps every state a run enters on its record (`history`), as Step Functions' execution history has
 * a `<Type>StateEntered` event per state: the count a Standard workflow is billed by. A run resumed
 * after a restart goes on adding to the same record.
 */
export const recordHistory = async (
  events: AsyncIterable<{ type: string; timestamp: number; state?: { name: string; type: string } }>,
  record: ExecutionRecord,
  store: ExecutionStore,
): Promise<void> => {
  for await (const event of events) {
    if (event.type !== 'StateEntered' || !event.state) continue;
    (record.history ??= []).push({
      state: event.state.name,
      type: event.state.type,
      at: new Date(event.timestamp).toISOString(),
    });
    store.save();
  }
};
