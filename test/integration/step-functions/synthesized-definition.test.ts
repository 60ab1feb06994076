import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVAL_WAIT_SECONDS,
  INSPECTION_WAIT_SECONDS,
  PIPELINE_STATES,
  PIPELINE_TASKS,
} from '../../../functions/pipeline/pipeline-contract.js';
import { interpreterDefinition } from '../../../infra/local/step-functions/interpreter-definition.js';
import {
  definitionSourceKey,
  synthesizeDefinition,
  synthesizedDefinition,
} from '../../../infra/local/step-functions/synthesized-definition.js';
import { pipelineDefinition, SYNTH_TIMEOUT_MS } from './support/stub-tasks.js';

// The definition the local runner runs comes from the CDK app itself, synthesized in-process.

interface Definition {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
}

let definition: Definition;
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'returns-definition-'));
  definition = (await synthesizeDefinition()) as Definition;
}, SYNTH_TIMEOUT_MS);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the synthesized state machine definition', () => {
  it('holds every state of the pipeline contract and starts at IssueLabel', () => {
    expect(definition.StartAt).toBe(PIPELINE_STATES.issueLabel);
    expect(Object.keys(definition.States)).toEqual(expect.arrayContaining(Object.values(PIPELINE_STATES)));
  });

  it('has a handler module for every Task state, bound by name', () => {
    const { tasks } = interpreterDefinition(definition);

    expect([...tasks.keys()].sort()).toEqual(Object.keys(PIPELINE_TASKS).sort());
  });

  it('has every CloudFormation reference resolved', () => {
    const text = JSON.stringify(definition);

    expect(text).not.toMatch(/Fn::|"Ref"/);
  });

  it('waits at IssueLabel for a task token, for the window at $.wait.shipBySeconds', () => {
    // What the runner's restart relies on: it resumes with `wait.shipBySeconds` and the same token.
    expect(definition.States.IssueLabel).toMatchObject({
      Type: 'Task',
      Resource: expect.stringMatching(/\.waitForTaskToken$/),
      TimeoutSecondsPath: '$.wait.shipBySeconds',
      Parameters: { Payload: { 'taskToken.$': '$$.Task.Token' } },
    });
  });

  it('waits at AwaitInspection and ComputeRefund for a task token, for the fixed timeouts of the contract', () => {
    // The runner times these by TimeoutSeconds (not its 60 s default), and a restart by the recorded deadline.
    const expected = { AwaitInspection: INSPECTION_WAIT_SECONDS, ComputeRefund: APPROVAL_WAIT_SECONDS };
    for (const [state, seconds] of Object.entries(expected)) {
      expect(definition.States[state], state).toMatchObject({
        Type: 'Task',
        Resource: expect.stringMatching(/\.waitForTaskToken$/),
        TimeoutSeconds: seconds,
        Parameters: { Payload: { 'taskToken.$': '$$.Task.Token' } },
      });
      expect(interpreterDefinition(definition).tasks.get(state)).toMatchObject({
        waitsForToken: true,
        timeoutSeconds: seconds,
      });
    }
  });

  it('is accepted by the local interpreter once rewritten for it', () => {
    expect(() => new StateMachine(interpreterDefinition(definition).definition)).not.toThrow();
  });

  it(
    'is what the cache `npm start` reads holds',
    async () => {
      expect(await pipelineDefinition()).toEqual(definition);
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('the definition cache', () => {
  it('returns what it holds under the current sources key, without synthesizing', async () => {
    const cacheFile = join(scratch, 'cached.json');
    const marker = { StartAt: 'Cached', States: {} };
    const key = await definitionSourceKey();
    await writeFile(cacheFile, JSON.stringify({ key, region: 'us-east-1', definition: marker }));

    expect(await synthesizedDefinition({ cacheFile })).toEqual(marker);
  });

  it('keys the cache by region and sources', async () => {
    expect(await definitionSourceKey('us-east-1')).toBe(await definitionSourceKey('us-east-1'));
    expect(await definitionSourceKey('eu-west-1')).not.toBe(await definitionSourceKey('us-east-1'));
  });
});
