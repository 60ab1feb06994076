import { describe, expect, it } from 'vitest';
import { ResumeAtSchema, SEND_ON_WINDOW_SECONDS } from '../../../functions/pipeline/pipeline-contract.js';
import type { ExecutionRecord } from '../../../infra/local/step-functions/execution-store.js';
import { resumePlan } from '../../../infra/local/step-functions/resume-plan.js';

// What a restarted runner does with each kind of execution left RUNNING.

const NOW = Date.parse('2026-03-01T12:00:00Z');
const input = { sellerId: 's1', returnId: 'r1', correlationId: 'c1' };
const running = (extra: Partial<ExecutionRecord> = {}): ExecutionRecord => ({
  name: 'r1',
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:returns-local:r1',
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:returns-local',
  input,
  status: 'RUNNING',
  startedAt: '2026-03-01T11:00:00Z',
  closedTokens: [],
  notes: [],
  ...extra,
});
const plan = (record: ExecutionRecord) => resumePlan(record, NOW, ResumeAtSchema.options);

describe('resuming an execution after a restart', () => {
  it('waits again at IssueLabel with the same token for what is left of the window', () => {
    const waiting = { state: 'IssueLabel', token: 'local.t1', deadline: '2026-03-01T12:10:00.500Z' };

    expect(plan(running({ lastTask: 'IssueLabel', waiting }))).toMatchObject({
      kind: 'wait',
      state: 'IssueLabel',
      token: 'local.t1',
      input: { ...input, resumeAt: 'IssueLabel', wait: { shipBySeconds: 601 } },
    });
  });

  it('gives a window that ran out while stopped one second, so it times out at once', () => {
    const waiting = { state: 'IssueLabel', token: 'local.t1', deadline: '2026-03-01T11:00:00Z' };

    expect(plan(running({ waiting }))).toMatchObject({ input: { wait: { shipBySeconds: 1 } } });
  });

  it.each(['AwaitInspection', 'ComputeRefund'])(
    'waits again at %s with the same token until the recorded deadline, entering IssueLabel with the send-on window',
    (state) => {
      const waiting = { state, token: 'local.t2', deadline: '2026-03-02T12:00:00Z' };

      const resumed = plan(running({ lastTask: state, waiting }));

      expect(resumed).toEqual({
        kind: 'wait',
        state,
        token: 'local.t2',
        deadline: waiting.deadline,
        input: { ...input, resumeAt: state, wait: { shipBySeconds: SEND_ON_WINDOW_SECONDS } },
        note: `resumed after a restart: waits again at ${state} with the same token (86400 s left)`,
      });
    },
  );

  it.each(['AwaitInspection', 'ComputeRefund', 'IssueRefund'])(
    'fails a run inside %s whose token was never recorded',
    (state) => {
      expect(plan(running({ lastTask: state }))).toMatchObject({
        kind: 'fail',
        note: expect.stringMatching(new RegExp(`in ${state}, where it cannot resume`)),
      });
    },
  );

  it('fails a run cut off in CloseUnshipped, which Route cannot jump to', () => {
    expect(plan(running({ lastTask: 'CloseUnshipped' }))).toMatchObject({ kind: 'fail' });
  });

  it('starts over when no task had run yet', () => {
    expect(plan(running())).toMatchObject({ kind: 'rerun', input });
  });

  it('fails a run cut off in a state Route cannot jump to', () => {
    expect(plan(running({ lastTask: 'RecordStepFailure' }))).toMatchObject({
      kind: 'fail',
      note: expect.stringMatching(/in RecordStepFailure, where it cannot resume/),
    });
  });

  it('fails a run inside IssueLabel whose token was never recorded', () => {
    expect(plan(running({ lastTask: 'IssueLabel' }))).toMatchObject({ kind: 'fail' });
  });
});
