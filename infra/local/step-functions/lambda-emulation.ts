import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { PIPELINE_TASKS } from '../../../functions/pipeline/pipeline-contract.js';
import type { TaskBinding } from './interpreter-definition.js';
import { asInvocation } from '../lambda-invocations.js';

/** A task's code, as a Lambda handler: the event and a Lambda context. */
export type TaskHandler = (event: unknown, context: Context) => unknown;

/**
 * A handler module, imported when its task first runs, as Lambda loads a function on its first
 * invocation: handler modules read their configuration (STATE_MACHINE_ARN…) at module scope, and the
 * runtime sets it only once the runner's API is listening. A module that fails to load fails the task
 * with Lambda's `Runtime.ImportModuleError`, and is tried again on the next attempt.
 */
const lazyHandler = (root: string, entry: string): TaskHandler => {
  let loaded: TaskHandler | undefined;
  return async (event, context) => {
    if (!loaded) {
      try {
        const module = (await import(pathToFileURL(resolve(root, entry)).href)) as { handler?: unknown };
        if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
        loaded = module.handler as TaskHandler;
      } catch (error) {
        throw Object.assign(new Error(`cannot load ${entry}`, { cause: error }), {
          name: 'Runtime.ImportModuleError',
        });
      }
    }
    const handler = loaded;
    return asInvocation(async () => handler(event, context));
  };
};

/**
 * A handler for every Task state: the one injected under its name (tests), or its PIPELINE_TASKS
 * module under `root`. Throws for a state that has neither, or whose module file is missing.
 */
export const bindHandlers = (
  tasks: Iterable<string>,
  root: string,
  injected: Readonly<Record<string, TaskHandler>> = {},
): ReadonlyMap<string, TaskHandler> => {
  const handlers = new Map<string, TaskHandler>();
  for (const name of tasks) {
    const entry = (PIPELINE_TASKS as Readonly<Record<string, string>>)[name];
    if (injected[name]) handlers.set(name, injected[name]);
    else if (!entry) throw new Error(`Task state ${name} has no handler: add it to PIPELINE_TASKS`);
    else if (!existsSync(resolve(root, entry))) throw new Error(`${entry} (for ${name}) does not exist`);
    else handlers.set(name, lazyHandler(root, entry));
  }
  return handlers;
};

/** The event a task's handler gets: `Parameters.Payload` for `lambda:invoke`, the Parameters otherwise. */
export const lambdaEvent = (task: TaskBinding, parameters: unknown): unknown =>
  task.lambdaInvoke && typeof parameters === 'object' && parameters !== null
    ? ((parameters as { Payload?: unknown }).Payload ?? {})
    : parameters;

/** How Lambda reports a function error: the error's name, and a JSON cause like the service's. */
export const taskError = (error: unknown): Error => {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error ? (error.stack?.split('\n').slice(1) ?? []) : [];
  return Object.assign(new Error(JSON.stringify({ errorType: name, errorMessage: message, trace })), {
    name,
  });
};

/** A Lambda handler's return value as the service returns it: JSON, `null` for nothing. */
const asJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** What the task's state gets back: the handler's result, under `Payload` for `lambda:invoke`. */
export const taskResult = (task: TaskBinding, result: unknown, context: Context): unknown => {
  const payload = asJson(result);
  if (!task.lambdaInvoke) return payload;
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: context.awsRequestId },
    StatusCode: 200,
  };
};
