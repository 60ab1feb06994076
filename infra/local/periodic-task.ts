import { setTimeout as sleep } from 'node:timers/promises';

export interface PeriodicTask {
  /** Stops; resolves once the pass under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` until stopped, never two at once: the local stand-in for a trigger the
 * stack has and the local stand-ins lack (DynamoDB Streams, a schedule). A failed pass is reported and
 * the next one runs on time.
 */
export const startPeriodicTask = (
  intervalMs: number,
  pass: () => Promise<unknown>,
  onError: (error: unknown) => void,
): PeriodicTask => {
  const stopped = new AbortController();
  const loop = (async () => {
    while (!stopped.signal.aborted) {
      await sleep(intervalMs, undefined, { signal: stopped.signal }).catch(() => undefined);
      if (stopped.signal.aborted) break;
      await pass().catch(onError);
    }
  })();
  return {
    stop: async () => {
      stopped.abort();
      await loop;
    },
  };
};
