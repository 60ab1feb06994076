import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PIPELINE_TASKS,
  SentOnError,
  runStart,
  type ComputeRefundResult,
  type PipelineInput,
  type PipelineTaskName,
  type WAITING_STATES,
} from '../../../../functions/pipeline/pipeline-contract.js';
import { localStateMachineArn } from '../../../../infra/local/step-functions/execution-requests.js';
import type { TaskHandler } from '../../../../infra/local/step-functions/lambda-emulation.js';
import {
  DEFAULT_DEFINITION_CACHE,
  synthesizedDefinition,
} from '../../../../infra/local/step-functions/synthesized-definition.js';

export const STATE_MACHINE_ARN = localStateMachineArn('us-east-1');

/**
 * The definition CDK synthesizes, from the cache `npm start` uses (keyed by the sources, so never
 * stale). On a cold cache the first caller synthesizes, which can take half a minute on a busy machine.
 */
export const pipelineDefinition = (): Promise<object> =>
  synthesizedDefinition({ cacheFile: DEFAULT_DEFINITION_CACHE });

/** How long a beforeAll that may synthesize is given. */
export const SYNTH_TIMEOUT_MS = 240_000;

/** A first run's input, as startPipeline gives it: the ship-by window IssueLabel waits within, an hour. */
export const pipelineInput = (): PipelineInput => ({
  sellerId: 'seller-sfn',
  returnId: `ret-${randomUUID()}`,
  correlationId: randomUUID(),
  ...runStart('IssueLabel', 3600),
});

export interface TaskCall {
  state: string;
  event: Record<string, unknown>;
  remainingMs: number;
}

type Behaviour = (event: Record<string, unknown>, attempt: number) => unknown;

type WaitingState = (typeof WAITING_STATES)[number];

/** What answers a waiting task: the runner itself, or a client of the local API. */
export interface TaskCallbacks {
  sendTaskSuccess(taskToken: string, output: string): Promise<void>;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void>;
}

/** What ComputeRefund resumes itself with unless a test says otherwise: a refund that needs no approval. */
export const STUB_REFUND: ComputeRefundResult = { refundId: 'refund-stub', requiresApproval: false };

/** A named error, as a handler throws it (Retry and Catch match on the name). */
export const namedError = (name: string, message = `${name} (stub)`): Error =>
  Object.assign(new Error(message), { name });

/**
 * Stand-in task handlers: every call is recorded; ComputeRefund resumes itself at once with a refund
 * that needs no approval, and IssueRefund with its refund paid (through the runner given to `attach`),
 * and the others answer nothing (so the waiting tasks wait), unless a test sets its own behaviour with
 * `on` or `answer`.
 */
export class StubTasks {
  readonly calls: TaskCall[] = [];
  private respondent: () => TaskCallbacks | undefined = () => undefined;

  /** Who ComputeRefund's default behaviour answers through. */
  attach(callbacks: () => TaskCallbacks | undefined): this {
    this.respondent = callbacks;
    return this;
  }
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly waiters: Array<{ state: string; count: number; done: (call: TaskCall) => void }> = [];

  on(state: PipelineTaskName, behaviour: Behaviour): this {
    this.behaviours.set(state, behaviour);
    return this;
  }

  /**
   * Has the waiting task `state` resumed with `output` as soon as its handler has run, as a warehouse
   * or a seller that answers at once would. `callbacks` is called then, so it may return a runner
   * started after this call.
   */
  answer(
    state: WaitingState,
    output: object,
    callbacks: () => TaskCallbacks | undefined = () => this.respondent(),
  ): this {
    return this.on(state, (event) => {
      const token = event.taskToken as string;
      setTimeout(() => void callbacks()?.sendTaskSuccess(token, JSON.stringify(output)), 0);
      return {};
    });
  }

  /**
   * Has IssueRefund's first call send the run on to ComputeRefund (SentOnError), as it does with a
   * refund that waits for an approval; its later calls pay at once.
   */
  refundAwaitsApproval(): this {
    return this.on('IssueRefund', (event, attempt) => {
      const token = event.taskToken as string;
      const respondent = this.respondent();
      setTimeout(
        () =>
          void (attempt === 1
            ? respondent?.sendTaskFailure(token, SentOnError.name)
            : respondent?.sendTaskSuccess(token, JSON.stringify({ refundId: STUB_REFUND.refundId }))),
        0,
      );
      return {};
    });
  }

  callsOf(state: PipelineTaskName): TaskCall[] {
    return this.calls.filter((call) => call.state === state);
  }

  /** Resolves with the `count`-th call of `state` (now, if it has happened). */
  called(state: PipelineTaskName, count = 1): Promise<TaskCall> {
    const seen = this.callsOf(state);
    if (seen.length >= count) return Promise.resolve(seen[count - 1]!);
    return new Promise((done) => this.waiters.push({ state, count, done }));
  }

  handlers(): Record<PipelineTaskName, TaskHandler> {
    const handler =
      (state: PipelineTaskName): TaskHandler =>
      async (event, context) => {
        const call = {
          state,
          event: event as Record<string, unknown>,
          remainingMs: context.getRemainingTimeInMillis(),
        };
        this.calls.push(call);
        const attempt = this.callsOf(state).length;
        for (const waiter of this.waiters.filter((w) => w.state === state && w.count === attempt)) {
          waiter.done(call);
        }
        const behaviour = this.behaviours.get(state);
        if (behaviour) return behaviour(call.event, attempt);
        // IssueLabel sends a run started later on, as its handler does (functions/pipeline/issue-label.ts).
        if (state === 'IssueLabel' && call.event.resumeAt !== 'IssueLabel') {
          const token = call.event.taskToken as string;
          setTimeout(() => void this.respondent()?.sendTaskFailure(token, SentOnError.name), 0);
        }
        // ComputeRefund needs no approval, IssueRefund's refund is paid at once: both resume themselves.
        if (state === 'ComputeRefund' || state === 'IssueRefund') {
          const token = call.event.taskToken as string;
          const output = state === 'ComputeRefund' ? STUB_REFUND : { refundId: STUB_REFUND.refundId };
          setTimeout(() => void this.respondent()?.sendTaskSuccess(token, JSON.stringify(output)), 0);
        }
        return {};
      };
    return Object.fromEntries(
      (Object.keys(PIPELINE_TASKS) as PipelineTaskName[]).map((state) => [state, handler(state)]),
    ) as Record<PipelineTaskName, TaskHandler>;
  }
}

/** A fresh data directory, and its removal. */
export const tempDataDir = async (): Promise<{ dir: string; remove: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'returns-sfn-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};
