import { describe, expect, it } from 'vitest';
import { interpreterDefinition } from '../../../infra/local/step-functions/interpreter-definition.js';

// How a synthesized definition is rewritten for aws-local-stepfunctions (see interpreter-definition.ts).

const synthesized = {
  StartAt: 'Label',
  States: {
    Label: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:local:000000000000:function:Label',
      Parameters: { 'returnId.$': '$.returnId' },
      TimeoutSeconds: 60,
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 }],
      Next: 'Wait',
    },
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'f', Payload: { 'taskToken.$': '$$.Task.Token' } },
      TimeoutSecondsPath: '$.wait.shipBySeconds',
      Next: 'Plain',
    },
    Plain: { Type: 'Task', Resource: 'arn:aws:lambda:local:000000000000:function:Plain', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('the definition rewritten for the local interpreter', () => {
  it('wraps each Task state’s Parameters and lets the runner set its timeout', () => {
    const { definition } = interpreterDefinition(synthesized);

    expect(definition.States.Label).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:lambda:local:000000000000:function:Label',
      Parameters: { LocalRunner: {}, Parameters: { 'returnId.$': '$.returnId' } },
      TimeoutSecondsPath: '$.LocalRunner.TimeoutSeconds',
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 }],
      Next: 'Wait',
    });
    // The original path is resolved against the state input, as Step Functions does.
    expect(definition.States.Wait).toMatchObject({
      Parameters: {
        LocalRunner: { 'Timeout.$': '$.wait.shipBySeconds' },
        Parameters: { FunctionName: 'f', Payload: { 'taskToken.$': '$$.Task.Token' } },
      },
      TimeoutSecondsPath: '$.LocalRunner.TimeoutSeconds',
    });
    expect(definition.States.Wait).not.toHaveProperty('TimeoutSeconds');
    expect(definition.States.Plain).toMatchObject({ Parameters: { LocalRunner: {}, 'Parameters.$': '$' } });
    expect(definition.States.Done).toEqual({ Type: 'Succeed' });
  });

  it('describes each task: how it is called and timed', () => {
    const { tasks, retryStates } = interpreterDefinition(synthesized);

    expect(tasks.get('Label')).toMatchObject({
      waitsForToken: false,
      lambdaInvoke: false,
      timeoutSeconds: 60,
    });
    expect(tasks.get('Wait')).toMatchObject({
      waitsForToken: true,
      lambdaInvoke: true,
      timeoutSecondsPath: '$.wait.shipBySeconds',
    });
    expect(tasks.get('Plain')).toMatchObject({ timeoutSeconds: undefined, timeoutSecondsPath: undefined });
    expect(retryStates).toEqual(['Label']);
  });

  it('refuses two Task states of one name, since tasks are bound by name', () => {
    const task = { Type: 'Task', Resource: 'arn:aws:lambda:local:000000000000:function:X', End: true };
    const nested = {
      StartAt: 'X',
      States: {
        X: { ...task, End: undefined, Next: 'Fan' },
        Fan: { Type: 'Parallel', Branches: [{ StartAt: 'X', States: { X: task } }], End: true },
      },
    };

    expect(() => interpreterDefinition(nested)).toThrow(/two Task states are named X/);
  });

  it('refuses what is not a state machine definition', () => {
    expect(() => interpreterDefinition({ Resources: {} })).toThrow(/needs StartAt and States/);
  });
});
