import type { PipelineInput } from '../../../functions/pipeline/pipeline-contract.js';
import type { PipelinePort } from '../../../domain/ports.js';

/**
 * The state machine in memory: the runs started (each name once, as Step Functions refuses a name twice)
 * and what each waiting task was told. `down` makes every call fail, as an unreachable service would.
 */
export class InMemoryPipeline implements PipelinePort<PipelineInput> {
  readonly runs: Array<{ name: string; input: PipelineInput }> = [];
  readonly resumed: Array<{ taskToken: string; output: Record<string, unknown> }> = [];
  readonly abandoned: Array<{ taskToken: string; why: string }> = [];
  readonly sentOn: Array<{ taskToken: string; step: string }> = [];
  down = false;

  async start(name: string, input: PipelineInput): Promise<void> {
    this.reachable();
    if (!this.runs.some((run) => run.name === name)) this.runs.push({ name, input });
  }

  async resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    this.reachable();
    this.resumed.push({ taskToken, output });
  }

  async abandon(taskToken: string, why: string): Promise<void> {
    this.reachable();
    this.abandoned.push({ taskToken, why });
  }

  async sendOn(taskToken: string, step: string): Promise<void> {
    this.reachable();
    this.sentOn.push({ taskToken, step });
  }

  private reachable(): void {
    if (this.down) throw new Error('Step Functions is unreachable');
  }
}

/** The first run of a return, as startPipeline starts it: at IssueLabel, timed out by the ship-by window. */
export const firstRunAtLabel = (ret: { id: string; sellerId: string }, shipByDays: number) => ({
  name: ret.id,
  input: {
    sellerId: ret.sellerId,
    returnId: ret.id,
    correlationId: 'req-1',
    resumeAt: 'IssueLabel',
    wait: { shipBySeconds: shipByDays * 86_400 },
  },
});
