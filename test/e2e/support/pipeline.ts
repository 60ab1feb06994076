import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { buildCarrierPayload, type SimulatedEvent } from '../../../infra/local/carrier-simulator.js';
import { signatureHeader } from '../../../functions/webhooks/signature.js';
import type { Carrier } from '../../../domain/carriers/carriers.js';
import {
  executionArnOf,
  localStateMachineArn,
} from '../../../infra/local/step-functions/execution-requests.js';
import { call } from './http.js';
import type { RunningStack } from './local-stack.js';

type ReturnRead = { id: string; status: string; trackingNumber?: string; attention?: { step: string } };

/** Polls until `done` holds for the return (the pipeline runs on its own), or fails after `ms`. */
export const waitForReturn = async (
  stack: RunningStack,
  key: string,
  id: string,
  done: (ret: ReturnRead & Record<string, unknown>) => boolean,
  ms = 30_000,
): Promise<ReturnRead & Record<string, unknown>> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const { body } = await call<ReturnRead & Record<string, unknown>>(stack.api, `/v1/returns/${id}`, {
      key,
    });
    if (done(body)) return body;
    if (Date.now() > deadline)
      throw new Error(`return ${id} never got there; last seen ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** The timeline's entry types, in order. */
export const timelineTypes = async (stack: RunningStack, key: string, id: string): Promise<string[]> => {
  const { body } = await call<{ items: { type: string }[] }>(stack.api, `/v1/returns/${id}/events`, { key });
  return body.items.map((e) => e.type);
};

/** A carrier's signed webhook, as the carrier would send it, with the stack's local secret. */
export const sendCarrierEvent = async (
  stack: RunningStack,
  carrier: Carrier,
  event: SimulatedEvent,
  trackingNumber: string,
) => {
  const secrets = JSON.parse(await readFile(join(stack.dataDir, 'carriers.json'), 'utf8')) as Record<
    string,
    string
  >;
  const raw = JSON.stringify(buildCarrierPayload(carrier, event, trackingNumber));
  const header = signatureHeader(secrets[carrier]!, Math.floor(Date.now() / 1000), raw);
  return call(stack.api, `/v1/webhooks/carriers/${carrier}`, {
    raw,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': header },
  });
};

/** `npm run carrier -- ...`, as a person would type it, against the stack's data directory. */
export const runCarrierSimulator = async (stack: RunningStack, args: string[]): Promise<string> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'infra/local/carrier-simulator.ts', ...args],
    { env: { ...process.env, LOCAL_DATA_DIR: stack.dataDir } },
  );
  return stdout;
};

/** Switches the label APIs off or on: the fake carrier's, and the EasyPost stand-in's (demo seller Acme's). */
export const setCarrierOutage = async (stack: RunningStack, outage: boolean): Promise<void> => {
  await writeFile(join(stack.dataDir, 'fake-carrier.json'), JSON.stringify({ outage }));
  await writeFile(join(stack.dataDir, 'easypost.json'), JSON.stringify({ outage }));
};

/** A Step Functions client of the stack's local runner, for one call. */
const withSfn = async <T>(stack: RunningStack, call: (client: SFNClient) => Promise<T>): Promise<T> => {
  const client = new SFNClient({
    endpoint: stack.sfn,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  try {
    return await call(client);
  } finally {
    client.destroy();
  }
};

const runArn = (name: string) => executionArnOf(localStateMachineArn('us-east-1'), name);

/** The local run of a return's pipeline, as Step Functions would describe it. */
export const describeRun = (stack: RunningStack, name: string) =>
  withSfn(stack, (client) => client.send(new DescribeExecutionCommand({ executionArn: runArn(name) })));

/** The states a run entered, in order, from the runner's recorded history (GetExecutionHistory). */
export const statesEntered = (stack: RunningStack, name: string): Promise<string[]> =>
  withSfn(stack, async (client) => {
    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn: runArn(name) }));
    return (events ?? []).flatMap((e) =>
      e.type?.endsWith('StateEntered') && e.stateEnteredEventDetails?.name
        ? [e.stateEnteredEventDetails.name]
        : [],
    );
  });
