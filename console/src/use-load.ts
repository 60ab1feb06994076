import { useCallback, useEffect, useState } from 'preact/hooks';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; detail: string } | { state: 'ready'; value: T };

/** Runs `load` when `deps` change; `reload` runs it again (after an action). */
export const useLoad = <T>(load: () => Promise<T>, deps: readonly unknown[]) => {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    run().then(
      (value) => setLoaded({ state: 'ready', value }),
      (error: unknown) =>
        setLoaded({ state: 'failed', detail: error instanceof Error ? error.message : String(error) }),
    );
  }, [run]);
  useEffect(reload, [reload]);
  return { loaded, reload };
};
