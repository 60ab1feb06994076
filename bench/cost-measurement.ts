import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DynamoDbCall } from './dynamodb-counting-proxy.js';
import { dollarsPerMillionReturns, type CostLine, type Usage } from './cost-prices.js';
import {
  backgroundWork,
  isBackgroundCall,
  isBackgroundInvocation,
  type BackgroundWork,
} from './background-work.js';
import { runHappyPath } from './cost-scenario.js';
import { startMeasuredStack, type ProbeEvent } from './cost-stack.js';

/** The level the stack deploys its functions with (infra/stacks/api-stack.ts), so log bytes are real. */
const DEPLOYED_LOG_LEVEL = 'INFO';
/**
 * Lambda's own lines per invocation in the JSON log format (platform.start and platform.report), which
 * no handler writes: an estimate from their usual length.
 */
const PLATFORM_LOG_BYTES_PER_INVOCATION = 500;
/** Lambda's event source mapping: one ReceiveMessage and one DeleteMessageBatch per batch it hands over. */
const SQS_REQUESTS_PER_CONSUMER_INVOCATION = 2;

export interface Invocation {
  fn: string;
  ms: number;
  logBytes: number;
  memoryMb: number;
}

/** One happy-path return on one source tree, counted from outside. */
export interface Measurement {
  label: string;
  usage: Usage;
  dollars: Record<CostLine, number>;
  calls: DynamoDbCall[];
  invocations: Invocation[];
  /** States entered, in order. */
  states: string[];
  /** Whatever the reader should know about how memory was read from the tree's CDK code. */
  memoryNote: string;
  /**
   * What schedules ran while the return was measured (the deadline sweeper's polling), per run and per
   * region: a fixed cost, left out of every per-return figure above.
   */
  background: BackgroundWork[];
}

/**
 * The memory the tree's CDK code gives its functions: ReturnsFunction's default. Functions that set
 * their own `memorySize` are reported, not mapped, so a change there is seen rather than mispriced.
 */
const configuredMemory = async (tree: string): Promise<{ defaultMb: number; note: string }> => {
  const construct = await readFile(join(tree, 'infra/constructs/returns-function.ts'), 'utf8');
  const match = /memorySize:\s*props\.memorySize\s*\?\?\s*(\d+)/.exec(construct);
  if (!match) throw new Error(`no default memorySize in ${tree}/infra/constructs/returns-function.ts`);
  const files = (await readdir(join(tree, 'infra'), { recursive: true })).filter((f) => f.endsWith('.ts'));
  const overrides: string[] = [];
  for (const file of files) {
    const text = await readFile(join(tree, 'infra', file), 'utf8');
    if (/memorySize:\s*\d+/.test(text)) overrides.push(file);
  }
  const note = overrides.length
    ? `${match[1]} MB default; explicit memorySize in ${overrides.join(', ')} not mapped`
    : `${match[1]} MB (ReturnsFunction default, no function overrides it)`;
  return { defaultMb: Number(match[1]), note };
};

const mailCount = async (ses: string): Promise<number> =>
  ((await (await fetch(`${ses}/store`)).json()) as { emails: unknown[] }).emails.length;

export const measureTree = async (tree: string, label: string): Promise<Measurement> => {
  const memory = await configuredMemory(tree);
  const stack = await startMeasuredStack(tree, DEPLOYED_LOG_LEVEL);
  try {
    // A first return warms the stack (module loading, connections), as the containers serving a
    // million returns are; the second is the one counted. Start-up (table, demo sellers) is not either.
    await runHappyPath(stack);
    stack.proxy.reset();
    const skipped = (await stack.probeEvents()).length;
    const mailsBefore = await mailCount(stack.ses);
    const traffic = await runHappyPath(stack);
    const events = (await stack.probeEvents()).slice(skipped);
    const everyInvocation = events
      .filter((e): e is Extract<ProbeEvent, { kind: 'invocation' }> => e.kind === 'invocation')
      .map((e) => ({ fn: e.fn, ms: e.ms, logBytes: e.logBytes, memoryMb: memory.defaultMb }));
    // A schedule's runs and polling happen whatever the traffic: priced apart, per region.
    const invocations = everyInvocation.filter((i) => !isBackgroundInvocation(i.fn));
    const states = events
      .filter((e): e is Extract<ProbeEvent, { kind: 'state' }> => e.kind === 'state')
      .filter((e) => e.type === 'StateEntered' || e.type === 'StateRetried')
      .map((e) => (e.type === 'StateRetried' ? `${e.state} (retry)` : e.state));
    const calls = stack.proxy.calls.filter((c) => !isBackgroundCall(c));
    const consumerInvocations = invocations.filter((i) => i.fn.startsWith('consumers/')).length;
    const usage: Usage = {
      apiRequests: traffic.apiRequests,
      invocations: invocations.map(({ ms, memoryMb }) => ({ ms, memoryMb })),
      stateTransitions: states.length,
      wru: calls.reduce(
        (sum, c) => sum + c.wru.table + Object.values(c.wru.indexes).reduce((a, b) => a + b, 0),
        0,
      ),
      rru: calls.reduce((sum, c) => sum + c.rru, 0),
      sqsRequests: traffic.sqsMessagesSent + consumerInvocations * SQS_REQUESTS_PER_CONSUMER_INVOCATION,
      mails: (await mailCount(stack.ses)) - mailsBefore,
      logBytes: invocations.reduce((sum, i) => sum + i.logBytes + PLATFORM_LOG_BYTES_PER_INVOCATION, 0),
    };
    return {
      label,
      usage,
      dollars: dollarsPerMillionReturns(usage),
      calls,
      invocations,
      states,
      memoryNote: memory.note,
      background: backgroundWork(stack.proxy.calls, everyInvocation, PLATFORM_LOG_BYTES_PER_INVOCATION),
    };
  } finally {
    await stack.stop();
  }
};
