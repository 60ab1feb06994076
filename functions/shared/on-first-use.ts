/**
 * A module (or anything made from one) loaded on the first call and kept for the function instance's
 * life: `onFirstUse(() => import('stripe'))`. esbuild bundles a dynamic `import()` of a bundled module
 * into the same file, as a wrapper evaluated on that first call, so a heavy SDK that only some paths use
 * costs a cold start its compilation but not its evaluation (bench/bundles.ts measures it). Only worth it
 * for a module that cannot be tree-shaken anyway (the Stripe and EasyPost SDKs): esbuild keeps every
 * export of a module imported so, and an AWS SDK client loaded this way bundled all of its commands and
 * cost more to compile than its deferred evaluation saved. A load that fails is not kept: the next call
 * tries again.
 */
export const onFirstUse = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
};
