import { AsyncLocalStorage } from 'node:async_hooks';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';

type Context = Parameters<InvokeStoreBase['run']>[0];

/** Lambda's InvokeStore as Lambda Managed Instances run it: a context per invocation, in AsyncLocalStorage. */
class ConcurrentInvokeStore extends InvokeStoreBase {
  private readonly als = new AsyncLocalStorage<Context>();
  getContext(): Context | undefined {
    return this.als.getStore();
  }
  hasContext(): boolean {
    return this.als.getStore() !== undefined;
  }
  get<T = unknown>(key: string | symbol): T | undefined {
    return this.als.getStore()?.[key] as T | undefined;
  }
  set<T = unknown>(key: string | symbol, value: T): void {
    const context = this.als.getStore();
    if (!context) throw new Error('no invocation context to set a value in');
    context[key] = value;
  }
  run<T>(context: Context, fn: () => T): T {
    return this.als.run(context, fn);
  }
}

/** Where Lambda's runtime puts the InvokeStore, and Powertools and the AWS SDK look for it. */
const lambdaGlobal = globalThis as { awslambda?: { InvokeStore?: InvokeStoreBase } };

/**
 * Lambda gives each invocation a process to itself; the local runtime runs every function in one
 * process, many invocations at once. Module-scope state would be shared between them: Powertools'
 * logger (the Lambda context behind `function_name`, the keys appended) logged a create's error under
 * whichever handler had set its context last. Powertools keeps that state per invocation, in Lambda's
 * InvokeStore, when AWS_LAMBDA_MAX_CONCURRENCY is set, as on Lambda Managed Instances.
 * `isolateInvocations` does what that runtime does for this process (it replaces any one-at-a-time
 * store an earlier AWS SDK call made) and runs `start` (the local runtime) in a context of its own, so
 * what logs outside any invocation still has one; `asInvocation` gives each invocation a fresh one.
 * Without `isolateInvocations` (handler tests), `asInvocation` changes nothing.
 */
export const isolateInvocations = <T>(start: () => Promise<T>): Promise<T> => {
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '1000';
  const store = new ConcurrentInvokeStore();
  lambdaGlobal.awslambda = { ...lambdaGlobal.awslambda, InvokeStore: store };
  return store.run({}, start);
};

/** Runs one invocation of a handler in a context of its own, once `isolateInvocations` has set them up. */
export const asInvocation = <T>(invoke: () => Promise<T>): Promise<T> => {
  const store = lambdaGlobal.awslambda?.InvokeStore;
  return store instanceof ConcurrentInvokeStore ? store.run({}, invoke) : invoke();
};
