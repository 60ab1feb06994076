/** `Promise.withResolvers()` (ES2024), for Node 20. */
export const withResolvers = <T>(): {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
} => {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/**
 * aws-local-stepfunctions 3 calls `Promise.withResolvers` whenever a Task runs; Node 20 lacks it (it
 * came with Node 22). Installed once, and only where it is missing.
 */
export const polyfillPromiseWithResolvers = (): void => {
  const constructor = Promise as unknown as { withResolvers?: typeof withResolvers };
  if (typeof constructor.withResolvers !== 'function') constructor.withResolvers = withResolvers;
};
