import { labels } from '../shared/dependencies/carrier.js';
import { clock, policies, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { issueLabel } from '../use-cases/issue-label.js';
import { IssueLabelInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/**
 * IssueLabel (.waitForTaskToken), where every run starts: buy the label, mail it, leave the token for the
 * carrier's delivery. A run started at a later step (a retry, a returnless refund) has nothing to do
 * here: its token is failed with SentOnError, which the definition catches to Route, so the happy
 * path enters no Choice.
 */
export const handler = pipelineTask('IssueLabel', IssueLabelInputSchema, async (input) => {
  if (input.resumeAt !== 'IssueLabel') {
    await pipeline.sendOn(input.taskToken, input.resumeAt);
    return {};
  }
  const deps = {
    returns,
    clock,
    policies,
    labels,
    pipeline,
  };
  await issueLabel(deps, input.sellerId, input.returnId, input.taskToken, input.shipBySeconds);
  return {};
});
