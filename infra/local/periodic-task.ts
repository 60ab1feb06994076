import { setTimeout as sleep } from 'node:timers/promises';

export interface PeriodicTask {
  /** Stops; resolves once the pass under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` at once and then every `intervalMs` until stopped, never two at once (a slow pass delays
 * the next, never overlaps it): the local stand-in for a trigger the stack has and the local stand-ins
 * lack (DynamoDB Streams, a schedule). The first pass at start-up does what came due while the runtime
 * was stopped. A failed pass is reported and the next one runs on time.
 */
export const startPeriodicTask = (
  intervalMs: number,
  pass: () => Promise<unknown>,
  onError: (error: unknown) => void,
): PeriodicTask => {
  const stopped = new AbortController();
  const loop = (async () => {
    while (!stopped.signal.aborted) {
      await pass().catch(onError);
      await sleep(intervalMs, undefined, { signal: stopped.signal }).catch(() => undefined);
    }
  })();
  return {
    stop: async () => {
      stopped.abort();
      await loop;
    },
  };
};
